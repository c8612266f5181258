using System.Net;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Sessions;

/// <summary>
/// Issue 17: two instances as one. A mentor's two overlapping requests accepted at the same moment, one through each
/// instance, give one accepted session and one 409 <c>session-overlap</c> in every round: the database decides, not an
/// instance's memory. The mentor's token, issued by A, is accepted by B.
/// </summary>
public abstract class TwoInstanceRaceTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact(Timeout = 120_000)]
    public async Task Overlapping_accepts_split_across_two_instances_have_one_winner_in_each_of_16_rounds()
    {
        var ct = TestContext.Current.CancellationToken;
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        await using var a = new MentoriApp(Database);
        await using var b = new MentoriApp(Database);
        var token = await TokenAsync(a, mentor);
        var (onA, onB) = (a.CreateClient(), b.CreateClient());
        foreach (var client in new[] { onA, onB })
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        var outcomes = new List<(HttpStatusCode A, HttpStatusCode B)>();
        for (var round = 0; round < 16; round++)
        {
            var start = TestData.NextYearAt(8).AddDays(round);
            var first = await Database.SeedSessionAsync(mentor, await Database.SeedUserAsync(UserRole.Mentee), start);
            var second = await Database.SeedSessionAsync(mentor, await Database.SeedUserAsync(UserRole.Mentee), start.AddMinutes(30));

            var throughA = Task.Run(() => ActAsync(onA, first.Id, "accept"), ct);
            var throughB = Task.Run(() => ActAsync(onB, second.Id, "accept"), ct);
            await Task.WhenAll(throughA, throughB);
            outcomes.Add(((await throughA).StatusCode, (await throughB).StatusCode));
            var loser = (await throughA).StatusCode == HttpStatusCode.Conflict ? await throughA : await throughB;
            if (loser.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.EndsWith(":session-overlap", (await AssertProblemAsync(loser, HttpStatusCode.Conflict)).GetProperty("type").GetString());
            }
        }

        Assert.All(outcomes, outcome => Assert.True(
            outcome is (HttpStatusCode.OK, HttpStatusCode.Conflict) or (HttpStatusCode.Conflict, HttpStatusCode.OK), outcome.ToString()));
        await using var db = Database.NewContext();
        Assert.Equal(16, await db.Sessions.CountAsync(s => s.Status == SessionStatus.Accepted, ct));
    }
}

public sealed class TwoInstanceRaceOnPostgres(PostgresServer server) : TwoInstanceRaceTests(server);

public sealed class TwoInstanceRaceOnSqlite(SqliteFiles server) : TwoInstanceRaceTests(server);
