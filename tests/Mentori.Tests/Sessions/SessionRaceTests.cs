using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Sessions;

/// <summary>
/// Many clients at the same moment through the real API, round after round: the database lets exactly one win
/// each slot and each status change, and what the clients were told matches what is stored.
/// </summary>
public abstract class SessionRaceTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private const int Contenders = 32;
    private const int Rounds = 5;

    private static async Task<HttpStatusCode[]> AllAtOnceAsync(IEnumerable<Func<Task<HttpResponseMessage>>> calls)
    {
        using var go = new ManualResetEventSlim();
        var tasks = calls.Select(call => Task.Run(async () =>
        {
            go.Wait(TestContext.Current.CancellationToken);
            return (await call()).StatusCode;
        })).ToList();
        go.Set();
        return await Task.WhenAll(tasks);
    }

    [Fact(Timeout = 300_000)]
    public async Task Concurrent_accepts_of_overlapping_requests_leave_one_accepted_session()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentees = new List<User>();
        for (var i = 0; i < Contenders; i++)
        {
            mentees.Add(await Database.SeedUserAsync(UserRole.Mentee));
        }

        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentor);
        for (var round = 0; round < Rounds; round++)
        {
            var start = TestData.NextYearAt(8 + (round * 2));
            var requests = new List<Session>();
            for (var i = 0; i < Contenders; i++)
            {
                requests.Add(await Database.SeedSessionAsync(mentor, mentees[i], start.AddMinutes(i % 4 * 15)));
            }

            var statuses = await AllAtOnceAsync(requests.Select(r => (Func<Task<HttpResponseMessage>>)(() => ActAsync(client, r.Id, "accept"))));

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(Contenders - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
            await using var db = Database.NewContext();
            Assert.Equal(1, await db.Sessions.CountAsync(s => s.MentorId == mentor.Id && s.Status == SessionStatus.Accepted
                && s.ScheduledAt >= start && s.ScheduledAt < start.AddHours(1), TestContext.Current.CancellationToken));
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task A_status_changes_once_whatever_arrives_at_the_same_moment()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var mentorClient = await SignInAsync(app, mentor);
        var menteeClient = await SignInAsync(app, mentee);
        for (var round = 0; round < Rounds; round++)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(8 + round));
            // Each pair leaves a pending request in a state the other cannot leave from: accept against decline
            // (after an accept the mentee could still cancel, a second legal change), decline against withdraw.
            var acceptOrDecline = round % 2 == 0;
            var actions = Enumerable.Range(0, Contenders).Select(i => (Func<Task<HttpResponseMessage>>)(() => (i % 2, acceptOrDecline) switch
            {
                (0, true) => ActAsync(mentorClient, session.Id, "accept"),
                (0, false) => ActAsync(menteeClient, session.Id, "cancel"),
                _ => ActAsync(mentorClient, session.Id, "decline"),
            }));

            var statuses = await AllAtOnceAsync(actions);

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(Contenders - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
            Assert.NotEqual(SessionStatus.Pending, await Database.StoredStatusAsync(session.Id));
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Concurrent_overlapping_requests_of_one_mentee_leave_one_request()
    {
        var mentors = new List<User>();
        for (var i = 0; i < 4; i++)
        {
            mentors.Add(await Database.SeedUserAsync(UserRole.Mentor));
        }

        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        for (var round = 0; round < Rounds; round++)
        {
            var start = TestData.NextYearAt(8 + (round * 2));
            var requests = Enumerable.Range(0, Contenders).Select(i =>
                (Func<Task<HttpResponseMessage>>)(() => RequestAsync(client, mentors[i % 4].Id, start.AddMinutes(i % 4 * 10))));

            var statuses = await AllAtOnceAsync(requests);

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(Contenders - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
            await using var db = Database.NewContext();
            Assert.Equal(round + 1, await db.Sessions.CountAsync(s => s.MenteeId == mentee.Id, TestContext.Current.CancellationToken));
        }
    }
}

public sealed class SessionRaceOnPostgres(PostgresServer server) : SessionRaceTests(server);

public sealed class SessionRaceOnSqlite(SqliteFiles server) : SessionRaceTests(server);
