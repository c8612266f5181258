using System.Net;
using System.Net.Http.Json;

namespace Mentori.Tests.Accounts;

/// <summary>With an SMTP host configured, account emails go out over SMTP (MailKit) to a real server, not to the pickup folder.</summary>
public sealed class SmtpDeliveryTests(SqliteFiles server) : DatabaseTest(server)
{
    [Fact]
    public async Task The_verification_email_is_delivered_over_smtp_and_its_token_works()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = new MentoriApp(Database)
            .WithSetting("Email:Smtp:Host", "127.0.0.1")
            .WithSetting("Email:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Email:Smtp:RequireTls", "false")
            .WithSetting("Email:From", "Mentori <hello@mentori.example.org>");
        var client = app.CreateClient();
        var email = NewEmail();

        await RegisterAsync(client, email);
        var message = await smtp.WaitForEmailAsync(email);

        Assert.Equal("hello@mentori.example.org", message.From.Mailboxes.Single().Address);
        Assert.Equal("Confirm your email for Mentori", message.Subject);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = message.Token() })).StatusCode);
        Assert.Empty(Outbox.Read(app));
    }
}
