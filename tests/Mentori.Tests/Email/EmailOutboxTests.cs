using System.Globalization;
using System.Net;
using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mentori.Server.Infrastructure.Email;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Mentori.Tests.Email;

/// <summary>
/// The email outbox as its readers rely on it: an email exists exactly when the change it tells of committed, a
/// failing SMTP server delays an email but does not lose it, and several instances deliver each email once.
/// </summary>
public abstract class EmailOutboxTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    /// <summary>Makes the database refuse every new email row, as a full disk or a broken column would.</summary>
    protected abstract Task RefuseEmailRowsAsync();

    [Fact]
    public async Task A_send_that_fails_three_times_and_then_succeeds_arrives_once()
    {
        var port = LoopbackPort.Free();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = Smtp(new MentoriApp(Database).WithClock(clock), port);
        var email = NewEmail();

        await RegisterAsync(app.CreateClient(), email);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // Nothing listens on the port: each attempt fails, and the next waits for the clock to pass its backoff.
            var failed = await WaitForRowAsync(email, row => row.Attempts == attempt && row.LockedUntil == null);
            Assert.Equal(OutboxEmailStatus.Queued, failed.Status);
            Assert.Contains("refused", failed.LastError, StringComparison.OrdinalIgnoreCase);
            if (attempt < 3)
            {
                clock.Advance(TimeSpan.FromMinutes(10));
            }
        }

        await using var smtp = await SmtpSink.StartAsync(port);
        clock.Advance(TimeSpan.FromMinutes(10));
        await smtp.WaitForEmailAsync(email);
        var sent = await WaitForRowAsync(email, row => row.Status == OutboxEmailStatus.Sent);

        Assert.Equal(4, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Empty(sent.Message); // the verification token it carried is not kept once delivered
        Assert.Single(smtp.Received(), m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_change_whose_email_cannot_be_stored_does_not_commit()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        await RefuseEmailRowsAsync();

        var response = await RequestAsync(client, mentor.Id, TestData.NextYearAt(10));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await using var db = Database.NewContext();
        Assert.False(await db.Sessions.AnyAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.EmailOutbox.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_instances_deliver_each_of_200_queued_emails_once()
    {
        await using var a = Competing(new MentoriApp(Database));
        await using var b = Competing(new MentoriApp(Database));
        _ = (a.Services, b.Services); // both hosts started: both senders poll the one table

        await using (var db = Database.NewContext())
        {
            using var scope = a.Services.CreateScope();
            var template = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            var queued = scope.ServiceProvider.GetRequiredService<MentoriDb>();
            for (var i = 0; i < 200; i++)
            {
                template.Enqueue($"reader-{i}@example.com", $"Email {i}", "Hello");
            }

            // Saved outside the instances' own contexts, so neither is woken first: both find them by polling.
            db.EmailOutbox.AddRange(queued.ChangeTracker.Entries<OutboxEmail>().Select(e => e.Entity).ToList());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await WaitUntilAsync(async () =>
        {
            await using var db = Database.NewContext();
            return await db.EmailOutbox.CountAsync(e => e.Status == OutboxEmailStatus.Sent, TestContext.Current.CancellationToken) == 200;
        });
        var delivered = Outbox.Read(a).Concat(Outbox.Read(b)).ToList();

        Assert.Equal(200, delivered.Count);
        Assert.Equal(200, delivered.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(200, delivered.Select(m => m.To.ToString()).Distinct().Count());
    }

    [Fact(Timeout = 120_000)]
    public async Task Emails_queued_when_the_server_is_killed_arrive_once_after_it_restarts()
    {
        var port = LoopbackPort.Free();
        var environment = ServerCommand.ServerEnvironment(Database);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__RequireTls"] = "false",
            ["Email__Outbox__FirstRetryDelay"] = "00:00:01",
            ["Email__Outbox__LeaseTime"] = "00:00:02",
            ["Email__Outbox__PollInterval"] = "00:00:00.100",
        })
        {
            environment[key] = value;
        }

        var readers = Enumerable.Range(0, 5).Select(_ => NewEmail()).ToList();
        await using (var first = await ServerCommand.StartAsync(LoopbackPort.Free(), environment))
        {
            var client = first.CreateClient();
            foreach (var reader in readers)
            {
                await RegisterAsync(client, reader);
            }

            // SMTP is down: every email has been tried and is waiting for its retry when the process dies.
            await WaitUntilAsync(async () =>
            {
                await using var db = Database.NewContext();
                return await db.EmailOutbox.CountAsync(e => e.Attempts > 0 && e.Status == OutboxEmailStatus.Queued, TestContext.Current.CancellationToken) == readers.Count;
            });
            await first.KillAsync();
        }

        await using var smtp = await SmtpSink.StartAsync(port);
        await using var second = await ServerCommand.StartAsync(LoopbackPort.Free(), environment);
        await WaitUntilAsync(async () =>
        {
            await using var db = Database.NewContext();
            return await db.EmailOutbox.CountAsync(e => e.Status == OutboxEmailStatus.Sent, TestContext.Current.CancellationToken) == readers.Count;
        });

        var received = smtp.Received();
        Assert.Equal(readers.Count, received.Count);
        Assert.Equal(readers.Order(), received.Select(m => m.To.Mailboxes.Single().Address).Order());
    }

    [Fact]
    public async Task An_admin_sees_a_failed_email_in_the_statistics_and_sends_it_again()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        await using var app = new MentoriApp(Database);
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue("lost@example.com", "Lost once", "Hello");
            var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
            var row = db.ChangeTracker.Entries<OutboxEmail>().Single().Entity;
            (row.Status, row.Attempts, row.LastError) = (OutboxEmailStatus.Failed, 12, "Connection refused");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var client = await SignInAsync(app, admin);
        var health = (await GetOkAsync(client, "/api/v1/admin/stats")).GetProperty("emailOutbox");
        var failed = Assert.Single(Ids(await GetOkAsync(client, "/api/v1/admin/emails?status=failed")));
        var retried = await client.PostAsync($"/api/v1/admin/emails/{failed}/retry", null, TestContext.Current.CancellationToken);
        var delivered = await app.WaitForEmailAsync("lost@example.com", "Lost once");
        var again = await client.PostAsync($"/api/v1/admin/emails/{failed}/retry", null, TestContext.Current.CancellationToken);
        var unknown = await client.PostAsync($"/api/v1/admin/emails/{Guid.NewGuid()}/retry", null, TestContext.Current.CancellationToken);

        Assert.Equal(1, health.GetProperty("failed").GetInt32());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("queued", (await retried.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal($"<{failed:N}@mentori.local>", $"<{delivered.MessageId}>");
        Assert.Equal("urn:mentori:problem:email-not-failed", (await AssertProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        var audit = await GetOkAsync(client, "/api/v1/admin/audit");
        Assert.Equal("email.retry", audit.GetProperty("items")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_row_whose_lease_ran_out_mid_batch_goes_to_the_next_sender_and_the_first_changes_nothing_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = Quiet(new MentoriApp(Database).WithClock(clock)).WithSetting("Email:Outbox:BatchSize", "2");
        await QueueAsync(app, clock.GetUtcNow().UtcDateTime.AddMinutes(1), "first@example.com", "second@example.com");
        clock.AdjustTime(clock.GetUtcNow().AddMinutes(2));
        var leaseTime = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Outbox.LeaseTime;
        var slow = ActivatorUtilities.CreateInstance<OutboxSender>(app.Services);
        var next = ActivatorUtilities.CreateInstance<OutboxSender>(app.Services);
        var byNext = new RecordingSender();

        // The first send hangs past the lease; meanwhile the next sender finds both rows free and takes them.
        var bySlow = new RecordingSender(async () =>
        {
            clock.AdjustTime(clock.GetUtcNow() + leaseTime + TimeSpan.FromSeconds(1));
            await next.SendDueAsync(byNext, TestContext.Current.CancellationToken);
        });
        await slow.SendDueAsync(bySlow, TestContext.Current.CancellationToken);

        var hung = Assert.Single(bySlow.Sent);
        Assert.Equal(["first@example.com", "second@example.com"], byNext.Recipients.Order());
        Assert.Equal(hung.MessageId, byNext.Sent.Single(m => m.To.ToString() == hung.To.ToString()).MessageId);
        await using var db = Database.NewContext();
        var rows = await db.EmailOutbox.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(rows, row => Assert.Equal((OutboxEmailStatus.Sent, 2, (DateTime?)null), (row.Status, row.Attempts, row.LockedUntil)));
    }

    [Fact]
    public async Task Sent_and_failed_rows_are_deleted_after_the_retention_and_queued_ones_are_kept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = Quiet(new MentoriApp(Database).WithClock(clock)).WithSetting("Email:Outbox:Retention", "30.00:00:00");
        var now = clock.GetUtcNow().UtcDateTime;
        await QueueAsync(app, now.AddDays(1), "old-sent@example.com", "old-failed@example.com", "old-queued@example.com", "new-sent@example.com");
        await using (var db = Database.NewContext())
        {
            await db.EmailOutbox.Where(e => e.Recipient != "old-queued@example.com")
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, e => e.Recipient == "old-failed@example.com" ? OutboxEmailStatus.Failed : OutboxEmailStatus.Sent),
                    TestContext.Current.CancellationToken);
            await db.EmailOutbox.Where(e => e.Recipient.StartsWith("old-"))
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.CreatedAt, now.AddDays(-31)), TestContext.Current.CancellationToken);
        }

        await ActivatorUtilities.CreateInstance<OutboxSender>(app.Services).SendDueAsync(new RecordingSender(), TestContext.Current.CancellationToken);

        await using var after = Database.NewContext();
        Assert.Equal(["new-sent@example.com", "old-queued@example.com"],
            await after.EmailOutbox.Select(e => e.Recipient).OrderBy(r => r).ToListAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Saves emails due at <paramref name="due"/> outside the app's own contexts, so its sender is not woken: with
    /// <see cref="Quiet"/> it never looks again, and the test's senders are the only ones.
    /// </summary>
    private async Task QueueAsync(MentoriApp app, DateTime due, params string[] recipients)
    {
        using var scope = app.Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        foreach (var recipient in recipients)
        {
            outbox.Enqueue(recipient, $"To {recipient}", "Hello");
        }

        var rows = scope.ServiceProvider.GetRequiredService<MentoriDb>().ChangeTracker.Entries<OutboxEmail>().Select(e => e.Entity).ToList();
        rows.ForEach(row => row.NextAttemptAt = due);
        await using var db = Database.NewContext();
        db.EmailOutbox.AddRange(rows);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static MentoriApp Quiet(MentoriApp app) => app.WithSetting("Email:Outbox:PollInterval", "01:00:00");

    /// <summary>A sender that keeps what it was given, and may do something while "sending".</summary>
    private sealed class RecordingSender(Func<Task>? whileSending = null) : IEmailSender
    {
        public List<MimeMessage> Sent { get; } = [];

        public IEnumerable<string> Recipients => Sent.Select(m => m.To.ToString());

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            if (whileSending is not null && Sent.Count == 1)
            {
                await whileSending();
            }
        }
    }

    private static MentoriApp Smtp(MentoriApp app, int port) => app
        .WithSetting("Email:Smtp:Host", "127.0.0.1")
        .WithSetting("Email:Smtp:Port", port.ToString(CultureInfo.InvariantCulture))
        .WithSetting("Email:Smtp:RequireTls", "false")
        .WithSetting("Email:Outbox:PollInterval", "00:00:00.050")
        .WithSetting("Email:Outbox:FirstRetryDelay", "00:01:00");

    private static MentoriApp Competing(MentoriApp app) => app
        .WithSetting("Email:Outbox:PollInterval", "00:00:00.020")
        .WithSetting("Email:Outbox:BatchSize", "5");

    private async Task<OutboxEmail> WaitForRowAsync(string recipient, Func<OutboxEmail, bool> condition)
    {
        OutboxEmail? row = null;
        await WaitUntilAsync(async () =>
        {
            await using var db = Database.NewContext();
            row = await db.EmailOutbox.AsNoTracking().SingleOrDefaultAsync(e => e.Recipient == recipient);
            return row is not null && condition(row);
        });
        return row!;
    }
}

public sealed class EmailOutboxOnPostgres(PostgresServer server) : EmailOutboxTests(server)
{
    protected override async Task RefuseEmailRowsAsync()
    {
        await using var db = Database.NewContext();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_email() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no email rows'; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_email BEFORE INSERT ON email_outbox FOR EACH ROW EXECUTE FUNCTION refuse_email();
            """);
    }
}

public sealed class EmailOutboxOnSqlite(SqliteFiles server) : EmailOutboxTests(server)
{
    protected override async Task RefuseEmailRowsAsync()
    {
        await using var db = Database.NewContext();
        await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_email BEFORE INSERT ON email_outbox BEGIN SELECT RAISE(ABORT, 'no email rows'); END;");
    }
}
