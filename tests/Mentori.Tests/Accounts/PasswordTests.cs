using System.Net;
using System.Net.Http.Json;
using Mentori.Tests.Host;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Accounts;

public abstract class PasswordTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private const string NewPassword = "N3w-password";

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_signs_out_every_device()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var email = NewEmail();
        var auth = await RegisterAsync(client, email);
        var me = app.CreateClient().WithBearer(AccessToken(auth));

        var wrong = await me.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = "Wrong-passw0rd", newPassword = NewPassword });
        var problem = await AssertProblemAsync(wrong, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("currentPassword", out _));
        var weak = await me.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "weak" });
        Assert.True((await AssertProblemAsync(weak, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("newPassword", out _));

        var changed = await me.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, RefreshToken(auth))).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_answers_202_for_any_address_and_emails_only_real_accounts()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var email = NewEmail();
        await RegisterAsync(client, email);

        var unknown = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "nobody@example.com" });
        var known = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        await app.WaitForEmailAsync(email, "Reset your Mentori password");
        Assert.DoesNotContain(Outbox.Read(app), m => m.To.ToString().Contains("nobody@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resetting_the_password_with_the_emailed_token_works_once_and_signs_out_every_device()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var email = NewEmail();
        var auth = await RegisterAsync(client, email);
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var token = (await app.WaitForEmailAsync(email, "Reset your Mentori password")).Token();

        var reset = await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { token, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, RefreshToken(auth))).StatusCode);
        var signedIn = await (await LoginAsync(client, email, NewPassword)).JsonAsync();
        Assert.True(signedIn.GetProperty("user").GetProperty("isVerified").GetBoolean());
        var again = await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { token, newPassword = "An0ther-password" });
        await AssertProblemAsync(again, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reset_token_works_for_an_hour_and_only_the_newest_one_works()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new MentoriApp(Database).WithClock(clock);
        var client = app.CreateClient();
        var email = NewEmail();
        await RegisterAsync(client, email);
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var token = (await app.WaitForEmailAsync(email, "Reset your Mentori password")).Token();

        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var second = (await app.WaitForEmailAsync(email, "Reset your Mentori password", count: 2)).Token();

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { token = second, newPassword = NewPassword })).StatusCode);
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var thirdEmail = await app.WaitForEmailAsync(email, "Reset your Mentori password", count: 3);
        var third = thirdEmail.Token();
        Assert.Contains("expires in one hour", thirdEmail.TextBody); // the email says what the token does
        clock.Advance(TimeSpan.FromMinutes(61));
        var late = await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { token = third, newPassword = "An0ther-password" });

        var problem = await AssertProblemAsync(late, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { token, newPassword = "An0ther-password" })).StatusCode);
    }

    [Fact]
    public async Task A_verification_token_works_for_24_hours()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new MentoriApp(Database).WithClock(clock);
        var client = app.CreateClient();
        var email = NewEmail();
        await RegisterAsync(client, email);
        var message = await app.WaitForEmailAsync(email, "Confirm your email");
        var token = message.Token();
        Assert.Contains("expires in 24 hours", message.TextBody); // the email says what the token does

        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token }), HttpStatusCode.BadRequest);

        var other = NewEmail();
        await RegisterAsync(client, other);
        var fresh = (await app.WaitForEmailAsync(other, "Confirm your email")).Token();
        clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = fresh })).StatusCode);
    }
}

public sealed class PasswordOnPostgres(PostgresServer server) : PasswordTests(server);

public sealed class PasswordOnSqlite(SqliteFiles server) : PasswordTests(server);
