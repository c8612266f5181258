using System.Net;
using System.Net.Http.Json;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Backups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Backups;

/// <summary>Daily backups taken by the server and restored by the operator's command, proven by restoring.</summary>
public abstract class BackupTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly ITestDatabaseServer _databases = server;

    [Fact]
    public async Task The_daily_backup_restores_into_a_new_database_identical_row_by_row()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = BackingUp(clock, enabled: true);
        await FillThroughTheApiAsync(app, clock);

        // The next day's slot comes by the fake clock; the server takes that day's backup on its own.
        clock.Advance(TimeSpan.FromDays(1));
        var run = await FinishedRunAsync(clock.GetUtcNow().UtcDateTime.Date);
        await using var restored = await _databases.CreateEmptyDatabaseAsync();
        var result = await ServerCommand.RunAsync(["restore", Path.Combine(app.BackupFolder, run.FileName!)], ServerCommand.DatabaseEnvironment(restored));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(run.Verified);
        var original = await DatabaseSnapshot.ReadAsync(Database, "backup_runs");
        var copy = await DatabaseSnapshot.ReadAsync(restored, "backup_runs");
        Assert.Equal(original.Keys, copy.Keys);
        foreach (var table in original.Keys)
        {
            Assert.True(original[table].SequenceEqual(copy[table]), $"{table} differs");
        }

        Assert.NotEmpty(original["messages"]);
        Assert.NotEmpty(original["ratings"]);
        Assert.NotEmpty(original["admin_audit"]);
        Assert.Equal(5, original["sessions"].Count);
    }

    [Fact]
    public async Task On_a_full_disk_the_backup_fails_clearly_and_leaves_no_file_behind()
    {
        await using var disk = await FullDisk.MountAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = BackingUp(clock, enabled: true).WithSetting("Backups:Directory", disk.Path);
        var client = app.CreateClient(); // starts the server, and with it the scheduler

        var run = await RunAsync(Database, r => r.Error != null);
        var health = await client.GetAsync("/health/backups");

        Assert.Matches("(?i)no space left|disk is full", run.Error);
        Assert.False(run.Verified);
        Assert.Null(run.FileName);
        Assert.Empty(disk.Files());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Matches("(?i)no space left|disk is full", (await health.JsonAsync()).GetProperty("description").GetString());
    }

    [Fact]
    public async Task Backups_older_than_the_retention_are_deleted_after_a_run()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = BackingUp(clock, enabled: false);
        Directory.CreateDirectory(app.BackupFolder);
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var extension = Database.Provider == DatabaseProvider.Postgres ? "dump" : "db";
        for (var days = 1; days <= 41; days++)
        {
            await File.WriteAllTextAsync(Path.Combine(app.BackupFolder, $"mentori-{today.AddDays(-days):yyyyMMdd}T000000Z.{extension}"), "old");
        }

        var run = await RunScheduledAsync(app);

        var kept = Directory.GetFiles(app.BackupFolder).Select(Path.GetFileName).Order().ToList();
        Assert.NotNull(run);
        Assert.Equal(30, kept.Count); // the 29 taken less than 30 days ago, and the new one
        Assert.Contains(run.FileName, kept);
        Assert.Contains($"mentori-{today.AddDays(-29):yyyyMMdd}T000000Z.{extension}", kept);
        Assert.DoesNotContain($"mentori-{today.AddDays(-30):yyyyMMdd}T000000Z.{extension}", kept);
    }

    [Fact]
    public async Task Two_instances_at_the_scheduled_minute_take_one_backup_not_two()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var one = BackingUp(clock, enabled: false);
        await using var two = BackingUp(clock, enabled: false);

        using var together = new Barrier(2);
        var runs = await Task.WhenAll(
            Task.Run(() => { together.SignalAndWait(); return RunScheduledAsync(one); }),
            Task.Run(() => { together.SignalAndWait(); return RunScheduledAsync(two); }));

        Assert.Single(runs, run => run is not null);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.BackupRuns.CountAsync(TestContext.Current.CancellationToken));
        Assert.Single(new[] { one.BackupFolder, two.BackupFolder }.Where(Directory.Exists).SelectMany(folder => Directory.GetFiles(folder)));
        Assert.Null(await RunScheduledAsync(one)); // the slot is taken; only the next day's is due
    }

    [Fact]
    public async Task A_backup_taken_while_writes_go_on_restores_to_a_consistent_state()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = BackingUp(new FakeTimeProvider(DateTimeOffset.UtcNow), enabled: false);
        using var stop = new CancellationTokenSource();
        // SQLite's "async" calls complete synchronously: the writer gets a thread of its own.
        var writes = Task.Run(() => WriteSessionsMessagesAndRatingsAsync(mentor, mentee, stop.Token));

        BackupRun run;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await WaitForRowsAsync("messages", 5);
            run = await scope.ServiceProvider.GetRequiredService<BackupService>().BackUpNowAsync(TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        var written = await writes;
        await using var restored = await _databases.CreateEmptyDatabaseAsync();
        var result = await ServerCommand.RunAsync(["restore", Path.Combine(app.BackupFolder, run.FileName!)], ServerCommand.DatabaseEnvironment(restored));

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = restored.NewContext();
        var messages = await db.Messages.CountAsync(TestContext.Current.CancellationToken);
        Assert.InRange(messages, 5, written);
        Assert.Equal(0, await db.Messages.CountAsync(m => m.SessionId != null && !db.Sessions.Any(s => s.Id == m.SessionId), TestContext.Current.CancellationToken));
        var ratings = await db.Ratings.GroupBy(r => r.RatedId).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(r => r.Score) })
            .ToListAsync(TestContext.Current.CancellationToken);
        var summaries = await db.RatingSummaries.ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(summaries, summary => Assert.Equal(
            (ratings.SingleOrDefault(r => r.Key == summary.UserId)?.Count ?? 0, ratings.SingleOrDefault(r => r.Key == summary.UserId)?.Sum ?? 0),
            (summary.RatingCount, summary.RatingSum)));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("foreign")]
    [InlineData("missing")]
    public async Task Restoring_a_damaged_or_foreign_file_fails_with_one_line_and_leaves_the_database_as_it_was(string kind)
    {
        await Database.SeedUserAsync(UserRole.Mentor);
        await using var app = BackingUp(new FakeTimeProvider(DateTimeOffset.UtcNow), enabled: false);
        var run = await BackUpNowAsync(app);
        await Database.SeedUserAsync(UserRole.Mentee); // the database has moved on since the backup
        var backup = await File.ReadAllBytesAsync(Path.Combine(app.BackupFolder, run.FileName!));
        var file = Path.Combine(app.BackupFolder, $"{kind}.bin");
        if (kind != "missing")
        {
            await File.WriteAllBytesAsync(file, kind == "truncated" ? backup[..(backup.Length / 2)] : "BEGIN:VCALENDAR\r\n"u8.ToArray());
        }

        var before = await DatabaseSnapshot.ReadAsync(Database);

        var result = await ServerCommand.RunAsync(["restore", file, "--force"], CommandEnvironment(app, Database));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("restore: ", line);
        Assert.Equal(before, await DatabaseSnapshot.ReadAsync(Database));
        Assert.Single(Directory.GetFiles(app.BackupFolder, "mentori-*")); // no safety backup either: nothing was replaced
    }

    [Fact]
    public async Task Restoring_with_force_brings_back_the_backup_and_keeps_what_was_there_in_a_safety_backup()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        await using var app = BackingUp(new FakeTimeProvider(DateTimeOffset.UtcNow), enabled: false);
        var backup = await BackUpNowAsync(app);
        var atBackup = await DatabaseSnapshot.ReadAsync(Database, "backup_runs");
        var later = await Database.SeedUserAsync(UserRole.Mentee);

        var result = await ServerCommand.RunAsync(["restore", Path.Combine(app.BackupFolder, backup.FileName!), "--force"], CommandEnvironment(app, Database));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(atBackup, await DatabaseSnapshot.ReadAsync(Database, "backup_runs"));
        var safety = Assert.Single(Directory.GetFiles(app.BackupFolder, "mentori-*"), f => Path.GetFileName(f) != backup.FileName);
        Assert.Contains(Path.GetFileName(safety), result.Output);
        await using var whatWasThere = await _databases.CreateEmptyDatabaseAsync();
        Assert.Equal(0, (await ServerCommand.RunAsync(["restore", safety], ServerCommand.DatabaseEnvironment(whatWasThere))).ExitCode);
        await using var db = whatWasThere.NewContext();
        Assert.True(await db.Users.AnyAsync(u => u.Id == later.Id, TestContext.Current.CancellationToken));
        Assert.True(await db.Users.AnyAsync(u => u.Id == mentor.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Backup_health_is_bad_without_a_good_backup_in_26_hours_and_the_statistics_show_the_last()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = BackingUp(clock, enabled: true).WithSetting("Backups:DailyAt", clock.GetUtcNow().AddHours(1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var adminClient = await SignInAsync(app, admin);
        var run = await FinishedRunAsync(null);

        var fresh = await app.CreateClient().GetAsync("/health/backups");
        var stats = await (await adminClient.GetAsync("/api/v1/admin/stats")).JsonAsync();
        await using (var db = Database.NewContext())
        {
            // Another instance has claimed the next days' slots and is still at them: no newer good backup comes.
            var next = run.ScheduledFor!.Value;
            for (var day = 1; day <= 3; day++)
            {
                db.BackupRuns.Add(new BackupRun { ScheduledFor = next.AddDays(day), StartedAt = next.AddDays(30) });
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        clock.Advance(TimeSpan.FromHours(26) + TimeSpan.FromMinutes(1));

        var stale = await app.CreateClient().GetAsync("/health/backups");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(run.FileName, (await fresh.JsonAsync()).GetProperty("data").GetProperty("lastGoodBackup").GetString());
        Assert.Equal(run.FinishedAt!.Value, stats.GetProperty("lastBackupAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
    }

    /// <summary>An instance that backs up into its own folder by <paramref name="clock"/>, its daily slot at midnight UTC.</summary>
    private MentoriApp BackingUp(TimeProvider clock, bool enabled) => new MentoriApp(Database).WithClock(clock)
        .WithSetting("Backups:Enabled", enabled ? "true" : "false")
        .WithSetting("Backups:DailyAt", "00:00")
        .WithSetting("Auth:RequireVerifiedEmail", "false");

    /// <summary>The operator's command line, configured like <paramref name="app"/>: the same backup folder.</summary>
    private static Dictionary<string, string> CommandEnvironment(MentoriApp app, TestDatabase database)
    {
        var environment = ServerCommand.DatabaseEnvironment(database);
        environment["Backups__Directory"] = app.BackupFolder;
        return environment;
    }

    private static async Task<BackupRun> BackUpNowAsync(MentoriApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackupService>().BackUpNowAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<BackupRun?> RunScheduledAsync(MentoriApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackupService>().RunScheduledAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits for the scheduler's run of <paramref name="slot"/> (any slot when null) to finish.</summary>
    private Task<BackupRun> FinishedRunAsync(DateTime? slot) =>
        RunAsync(Database, r => (slot == null || r.ScheduledFor == slot) && r.FinishedAt != null);

    /// <summary>Waits (up to a minute) for a run in <paramref name="database"/> that matches <paramref name="matches"/>.</summary>
    protected static async Task<BackupRun> RunAsync(TestDatabase database, System.Linq.Expressions.Expression<Func<BackupRun, bool>> matches)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            await using (var db = database.NewContext())
            {
                if (await db.BackupRuns.AsNoTracking().FirstOrDefaultAsync(matches, timeout.Token) is { } run)
                {
                    return run;
                }
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task WaitForRowsAsync(string table, int count)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while ((await DatabaseSnapshot.ReadAsync(Database))[table].Count < count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>
    /// A mentor and a mentee with profiles, sessions in every status (one completed by the clock), messages, ratings
    /// both ways, and an admin's change in the audit log: all through the API.
    /// </summary>
    private async Task FillThroughTheApiAsync(MentoriApp app, FakeTimeProvider clock)
    {
        var mentorAuth = await RegisterAsync(app.CreateClient(), NewEmail(), "mentor");
        var menteeAuth = await RegisterAsync(app.CreateClient(), NewEmail(), "mentee");
        var mentor = app.CreateClient().WithBearer(AccessToken(mentorAuth));
        var mentee = app.CreateClient().WithBearer(AccessToken(menteeAuth));
        var mentorId = mentorAuth.GetProperty("user").GetProperty("id").GetGuid();
        var menteeId = menteeAuth.GetProperty("user").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await mentor.PutAsJsonAsync("/api/v1/me/profile", new
        {
            firstName = "Grace", lastName = "Hopper", bio = "Compilers", expertise = new[] { "COBOL", "Navy" }, hourlyRate = 90.5, yearsExperience = 40,
            timezone = "America/New_York", availability = new Dictionary<string, string[]> { ["monday"] = ["0:00-24:00"] },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentee.PutAsJsonAsync("/api/v1/me/profile", new
        {
            firstName = "Ada", lastName = "Lovelace", interests = new[] { "COBOL" }, goals = "Engines", experienceLevel = "beginner",
        })).StatusCode);

        var monday = NextMonday(clock.GetUtcNow().UtcDateTime);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var requested = await RequestAsync(mentee, mentorId, monday.AddHours(2 * i), menteeNotes: $"Topic {i}");
            Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
            ids.Add((await requested.JsonAsync()).GetProperty("id").GetGuid());
        }

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentor, ids[0], "accept", new { meetingLink = "https://meet.example/a" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentor, ids[1], "accept", new { meetingLink = "https://meet.example/b" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentor, ids[2], "decline", new { reason = "Busy" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentee, ids[3], "cancel", new { reason = "Changed plans" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mentee.PostAsJsonAsync("/api/v1/messages", new { receiverId = mentorId, content = "Hello", sessionId = ids[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mentor.PostAsJsonAsync("/api/v1/messages", new { receiverId = menteeId, content = "Hi!" })).StatusCode);

        // Tokens are checked against the real clock: sign in before the fake one moves on.
        var admin = await SignInAsync(app, await Database.SeedUserAsync(UserRole.Admin));
        clock.Advance(monday.AddHours(2) - clock.GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentor, ids[0], "complete", new { mentorNotes = "Went well" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mentee.PostAsJsonAsync($"/api/v1/sessions/{ids[0]}/rating", new { rating = 5, feedback = "Great" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mentor.PostAsJsonAsync($"/api/v1/sessions/{ids[0]}/rating", new { rating = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/admin/users/{menteeId}", new { isVerified = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mentor.PostAsync($"/api/v1/conversations/{menteeId}/read", null)).StatusCode);
    }

    /// <summary>
    /// A Monday at 09:00 at least three days ahead: the request still pending (17:00) then lapses by its age (48 hours)
    /// when the clock first moves to Monday, not by its start during the day's move that takes the backup, whose
    /// writes would race the backup's snapshot (from Saturday 11:00 to Sunday's end a nearer Monday did).
    /// </summary>
    private static DateTime NextMonday(DateTime now)
    {
        var day = now.Date.AddDays(3);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day.AddHours(9);
    }

    /// <summary>Completed sessions, each with a message and a rating, written one after another until stopped; the messages written.</summary>
    private async Task<int> WriteSessionsMessagesAndRatingsAsync(User mentor, User mentee, CancellationToken stop)
    {
        var written = 0;
        var start = TestData.NextYearAt(0).AddYears(-3);
        while (!stop.IsCancellationRequested)
        {
            await using var db = Database.NewContext();
            var session = TestData.NewSession(mentor, mentee, start.AddHours(written), SessionStatus.Completed);
            db.Add(session);
            await db.SaveChangesAsync(CancellationToken.None);
            db.Add(new Message { SenderId = mentee.Id, ReceiverId = mentor.Id, SessionId = session.Id, Content = $"Message {written}" });
            db.Add(new Rating { SessionId = session.Id, RaterId = mentee.Id, RatedId = mentor.Id, Score = 1 + (written % 5) });
            await db.SaveChangesAsync(CancellationToken.None);
            written++;
        }

        return written;
    }
}

public sealed class BackupOnPostgres(PostgresServer server) : BackupTests(server)
{
    [Fact]
    public async Task Without_pg_dump_the_backup_fails_with_a_clear_error_that_the_health_report_names()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new MentoriApp(Database).WithClock(clock)
            .WithSetting("Backups:Enabled", "true")
            .WithSetting("Backups:PostgresToolsDirectory", "/nonexistent/bin");
        var client = app.CreateClient(); // starts the server, and with it the scheduler

        var run = await RunAsync(Database, r => r.Error != null);
        var health = await client.GetAsync("/health/backups");

        Assert.Contains("pg_dump", run.Error);
        Assert.False(run.Verified);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("pg_dump", (await health.JsonAsync()).GetProperty("description").GetString());
    }
}

public sealed class BackupOnSqlite(SqliteFiles server) : BackupTests(server);
