using Mentori.Data.Entities;
using Mentori.Server.Features.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Sessions;

public abstract class SessionReminderTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Both_sides_are_reminded_once_a_day_ahead_even_across_a_restart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 5, 1, 9, 0, 0, TimeSpan.Zero));
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var soon = await Database.SeedSessionAsync(mentor, mentee, new DateTime(2030, 5, 2, 8, 0, 0, DateTimeKind.Utc), SessionStatus.Accepted);
        await Database.SeedSessionAsync(mentor, mentee, new DateTime(2030, 5, 2, 10, 0, 0, DateTimeKind.Utc), SessionStatus.Accepted);
        await Database.SeedSessionAsync(mentor, mentee, new DateTime(2030, 5, 1, 12, 0, 0, DateTimeKind.Utc), SessionStatus.Pending);

        await using (var app = new MentoriApp(Database).WithClock(clock))
        {
            app.StartServer();

            // The service's first pass runs at start; the session at 08:00 tomorrow is within 24 hours, the one at 10:00 is not.
            var toMentor = await app.WaitForEmailAsync(mentor.Email, "Coming up: your session");
            await app.WaitForEmailAsync(mentee.Email, "Coming up: your session");
            Assert.Contains(soon.Id.ToString(), toMentor.TextBody);
            Assert.Equal(0, await app.Services.GetRequiredService<SessionReminders>().SendDueAsync(TestContext.Current.CancellationToken));
        }

        // A restart: its first pass finds the reminder recorded and sends nothing; an hour later the 10:00 session
        // comes within a day, and the next pass (the loop runs them one after another) reminds both of it.
        await using var restarted = new MentoriApp(Database).WithClock(clock);
        restarted.StartServer();
        clock.Advance(TimeSpan.FromHours(1));
        await restarted.WaitForEmailAsync(mentee.Email, "Coming up: your session");
        await restarted.WaitForEmailAsync(mentor.Email, "Coming up: your session");

        // Only the reminders: the pending request, long lapsed by the clock's 2030, is expired with emails of its own,
        // which the first instance may have left for this one to deliver.
        var sentAfterRestart = Outbox.Read(restarted).Where(email => email.Subject?.StartsWith("Coming up", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, sentAfterRestart.Count);
        Assert.All(sentAfterRestart, email => Assert.DoesNotContain(soon.Id.ToString(), email.TextBody));
        Assert.Equal(0, await restarted.Services.GetRequiredService<SessionReminders>().SendDueAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class SessionReminderOnPostgres(PostgresServer server) : SessionReminderTests(server);

public sealed class SessionReminderOnSqlite(SqliteFiles server) : SessionReminderTests(server);
