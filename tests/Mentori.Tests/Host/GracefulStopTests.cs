using System.Globalization;
using System.Net;
using System.Text.Json;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Host;

/// <summary>
/// An orchestrator stops an instance with SIGTERM (a deploy, a scale-down): the request it is serving is answered,
/// the email it is handing to the SMTP server is recorded as sent, and the process ends cleanly.
/// </summary>
public abstract class GracefulStopTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact(Timeout = 120_000)]
    public async Task On_SIGTERM_the_request_in_flight_is_answered_and_the_email_being_sent_is_recorded_sent()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var smtp = new HeldSmtpServer();
        var environment = ServerCommand.ServerEnvironment(Database);
        environment["RateLimiting__Enabled"] = "false";
        environment["Email__Smtp__Host"] = "127.0.0.1";
        environment["Email__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        environment["Email__Smtp__RequireTls"] = "false";
        environment["Email__Outbox__PollInterval"] = "00:00:00.100";
        environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information"; // "Request starting …"
        await using var mentori = await ServerCommand.StartAsync(LoopbackPort.Free(), environment);
        using var client = mentori.CreateClient();

        // An email on its way: the first account's confirmation, held by the SMTP server before its final answer.
        var first = NewEmail();
        await RegisterAsync(client, first);
        await smtp.Received.WaitAsync(cancel);

        // A request on its way: the server has begun it, and half its body has arrived.
        var second = NewEmail();
        var body = new HeldContent(JsonSerializer.SerializeToUtf8Bytes(new { email = second, password = Password, role = "mentee", firstName = "Ada", lastName = "Lovelace" }));
        var begun = mentori.WaitForOutputAsync(line => line.Contains("Request starting", StringComparison.Ordinal) && line.Contains("register?held", StringComparison.Ordinal));
        var inFlight = client.PostAsync("/api/v1/auth/register?held", body, cancel);
        await begun.WaitAsync(cancel);

        var stopping = mentori.WaitForOutputAsync(line => line.Contains("Application is shutting down", StringComparison.Ordinal));
        var outboxStopping = mentori.WaitForOutputAsync(line => line.Contains("Stopping once the email being sent is handed over", StringComparison.Ordinal));
        var exited = mentori.TerminateAsync(within: TimeSpan.FromSeconds(60));
        await stopping.WaitAsync(cancel);
        body.Release();
        using var answer = await inFlight;
        await outboxStopping.WaitAsync(cancel); // the outbox has been told to stop while its send is held
        smtp.Release();

        Assert.Equal(0, await exited);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        await using var db = Database.NewContext();
        Assert.True(await db.Users.AnyAsync(u => u.Email == second, cancel));
        var emails = await db.EmailOutbox.AsNoTracking().ToListAsync(cancel);
        Assert.Equal(OutboxEmailStatus.Sent, emails.Single(e => e.Recipient == first).Status);
        Assert.Contains(emails, e => e.Recipient == second && e.Status is OutboxEmailStatus.Queued or OutboxEmailStatus.Sent);
    }

    /// <summary>A JSON body that sends its first half, then the rest once released.</summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly byte[] _json;
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldContent(byte[] json)
        {
            _json = json;
            Headers.ContentType = new("application/json");
        }

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_json.AsMemory(0, _json.Length / 2));
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(_json.AsMemory(_json.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _json.Length;
            return true;
        }
    }
}

public sealed class GracefulStopOnPostgres(PostgresServer server) : GracefulStopTests(server);

public sealed class GracefulStopOnSqlite(SqliteFiles server) : GracefulStopTests(server);
