using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Database;

/// <summary>
/// Many connections accept overlapping requests of one mentor at the same moment, each as the application
/// does it (one transaction, the mentor's schedule locked, a conditional update); the database's own guard
/// lets exactly one through, round after round.
/// </summary>
public abstract class OverlapRaceTests(ITestDatabaseServer server)
{
    private const int Contenders = 32;
    private const int Rounds = 10;

    [Fact(Timeout = 180_000)]
    public async Task Concurrent_accepts_of_overlapping_requests_leave_exactly_one_accepted()
    {
        await using var database = await server.CreateDatabaseAsync();
        var mentor = TestData.NewUser(UserRole.Mentor);
        var mentee = TestData.NewUser(UserRole.Mentee);
        await using (var db = database.NewContext())
        {
            db.Users.AddRange(mentor, mentee);
            await db.SaveChangesAsync();
        }

        for (var round = 0; round < Rounds; round++)
        {
            // Requests starting every 10 minutes across one hour: each overlaps all the others.
            var start = TestData.NextYearAt(8 + round);
            var requests = Enumerable.Range(0, Contenders)
                .Select(i => TestData.NewSession(mentor, mentee, start.AddMinutes(i % 6 * 10), duration: 60))
                .ToList();
            await using (var db = database.NewContext())
            {
                db.Sessions.AddRange(requests);
                await db.SaveChangesAsync();
            }

            var cancellation = TestContext.Current.CancellationToken;
            using var go = new ManualResetEventSlim();
            var accepts = requests.Select(request => Task.Run(async () =>
            {
                await using var db = database.NewContext();
                await db.Database.OpenConnectionAsync();
                go.Wait(cancellation);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
                await db.LockMentorScheduleAsync(mentor.Id, cancellation);
                try
                {
                    var changed = await db.Sessions
                        .Where(s => s.Id == request.Id && s.Status == SessionStatus.Pending)
                        .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SessionStatus.Accepted), cancellation);
                    await transaction.CommitAsync(cancellation);
                    return changed;
                }
                catch (Exception exception) when (DatabaseErrors.IsSessionOverlap(exception))
                {
                    return 0;
                }
            })).ToList();
            go.Set();
            var accepted = (await Task.WhenAll(accepts)).Sum();

            await using var check = database.NewContext();
            var stored = await check.Sessions.CountAsync(s => s.Status == SessionStatus.Accepted && s.ScheduledAt >= start && s.ScheduledAt < start.AddHours(1));
            Assert.Equal(1, accepted);
            Assert.Equal(1, stored);
        }
    }
}

public sealed class OverlapRaceOnPostgres(PostgresServer server) : OverlapRaceTests(server);

public sealed class OverlapRaceOnSqlite(SqliteFiles server) : OverlapRaceTests(server);
