using Mentori.Data.Entities;
using Mentori.Server.Features.Mentors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Database;

/// <summary>
/// A deployment upgraded to the migration ResponseSummaries keeps what it knows of its mentors' answers: an accepted
/// session's last change and a mentor's decline become their answer times, and every mentor with a request is
/// computed at the first pass.
/// </summary>
public abstract class ResponseSummaryMigrationTests(ITestDatabaseServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upgrading_keeps_the_known_answers_and_computes_every_mentor_with_requests()
    {
        await using var database = await server.CreateEmptyDatabaseAsync();
        var mentor = TestData.NewMentor();
        var mentee = TestData.NewUser(UserRole.Mentee);
        var made = DateTime.UtcNow.AddDays(-3);
        var lastChanged = new Dictionary<Guid, DateTime>();
        await using (var before = database.NewContext())
        {
            await before.GetService<IMigrator>().MigrateAsync("RequestReminders", Ct);
            before.Users.AddRange(mentor, mentee);
            await before.SaveChangesAsync(Ct);
            foreach (var (status, reason, changedAfter) in new[]
                { ("accepted", null, 60), ("declined", "mentor", 120), ("declined", "expired", 2880), ("completed", null, 5000), ("pending", null, 0) })
            {
                var asked = status == "pending" ? DateTime.UtcNow.AddHours(-1) : made; // still open: the server's expiry leaves it
                var (id, start, changed) = (Guid.CreateVersion7(), made.AddDays(10 + changedAfter), asked.AddMinutes(changedAfter));
                lastChanged[id] = changed;
                await before.Database.ExecuteSqlAsync($"""
                    INSERT INTO sessions (id, mentor_id, mentee_id, status, decline_reason, scheduled_at, duration, created_at, updated_at)
                    VALUES ({id}, {mentor.Id}, {mentee.Id}, {status}, {reason}, {start}, 60, {asked}, {changed})
                    """, Ct);
            }
        }

        await using var after = database.NewContext();
        await after.Database.MigrateAsync(Ct);
        var answered = await after.Sessions.Where(s => s.AnsweredAt != null).Select(s => s.Status).ToListAsync(Ct);
        var updated = await after.Sessions.ToDictionaryAsync(s => s.Id, s => s.UpdatedAt, Ct);
        var marked = await after.ResponseSummaries.Where(s => s.Stale).Select(s => s.UserId).ToListAsync(Ct);
        await using var app = new MentoriApp(database);
        await app.Services.GetRequiredService<ResponseSummaries>().RefreshDueAsync(Ct);
        var summary = await after.ResponseSummaries.AsNoTracking().SingleAsync(s => s.UserId == mentor.Id, Ct);

        Assert.Equal([SessionStatus.Accepted, SessionStatus.Declined], answered.Order());
        Assert.Equal([mentor.Id], marked);
        Assert.All(lastChanged, pair => Assert.Equal(pair.Value, updated[pair.Key], TimeSpan.FromMilliseconds(1))); // the migration changed none
        Assert.Equal((3, 2, 2 / 3.0, 90), (summary.Received, summary.Answered, summary.ResponseRate, summary.MedianResponseMinutes));
        Assert.Equal(2, await after.ResponseSummaries.CountAsync(Ct)); // a row for every user
    }
}

public sealed class ResponseSummaryMigrationOnPostgres(PostgresServer server) : ResponseSummaryMigrationTests(server);

public sealed class ResponseSummaryMigrationOnSqlite(SqliteFiles server) : ResponseSummaryMigrationTests(server);
