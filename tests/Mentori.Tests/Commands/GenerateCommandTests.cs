using System.Net;
using Mentori.Data.Entities;
using Mentori.Server.Features.Messages;
using Mentori.Server.Features.Sessions;
using Mentori.Server.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Commands;

/// <summary>
/// <c>generate</c>, the benchmark data generator, run as an operator runs it: valid data through the real schema
/// (its checks, keys, exclusion constraint and rating triggers) that Mentori reads as its own, the same data for the
/// same seed.
/// </summary>
public abstract class GenerateCommandTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    protected static readonly string[] SmallPlan =
        ["generate", "--mentors", "40", "--mentees", "160", "--sessions", "600", "--messages", "3000", "--ratings", "700", "--seed", "7"];

    [Fact]
    public async Task Generate_fills_an_empty_database_with_what_was_asked_and_every_rule_holds()
    {
        var result = await RunAsync(Database, SmallPlan);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Generated 40 mentors, 160 mentees, 600 sessions, 3,000 messages", result.Output);
        Assert.Contains("messages: 3,000 of 3,000 (done)", result.Error);
        await using var db = Database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(40, await db.Users.CountAsync(u => u.Role == UserRole.Mentor, ct));
        Assert.Equal(160, await db.Users.CountAsync(u => u.Role == UserRole.Mentee && u.Profile != null, ct));
        Assert.Equal(600, await db.Sessions.CountAsync(ct));
        Assert.Equal(3000, await db.Messages.CountAsync(ct));
        var completed = await db.Sessions.CountAsync(s => s.Status == SessionStatus.Completed, ct);
        Assert.Equal(Math.Min(700, 2 * completed), await db.Ratings.CountAsync(ct));

        // Every message is between the two people of its session; every rating is of a completed session's other side.
        Assert.Equal(0, await db.Messages.CountAsync(m => !db.Sessions.Any(s => s.Id == m.SessionId
            && ((s.MentorId == m.SenderId && s.MenteeId == m.ReceiverId) || (s.MenteeId == m.SenderId && s.MentorId == m.ReceiverId))), ct));
        Assert.Equal(0, await db.Ratings.CountAsync(r => !db.Sessions.Any(s => s.Id == r.SessionId && s.Status == SessionStatus.Completed
            && ((s.MentorId == r.RaterId && s.MenteeId == r.RatedId) || (s.MenteeId == r.RaterId && s.MentorId == r.RatedId))), ct));
        // The triggers kept each summary equal to the ratings it sums.
        Assert.Equal(0, await db.RatingSummaries.CountAsync(summary =>
            summary.RatingCount != db.Ratings.Count(r => r.RatedId == summary.UserId)
            || summary.RatingSum != (db.Ratings.Where(r => r.RatedId == summary.UserId).Sum(r => (int?)r.Score) ?? 0), ct));
        // The most active are the first of each (the command's closing line says whom to sign in as), and can.
        var busiest = await db.Sessions.GroupBy(s => s.Mentee.Email).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
        Assert.Equal("mentee1@example.com", busiest);
        Assert.Contains("mentee1@example.com", result.Output);
        await using (var app = new MentoriApp(Database))
        {
            // The unread messages' emails count as sent, as on a running Mentori: none is due now.
            Assert.NotEqual(0, await db.Messages.CountAsync(m => !m.IsRead, ct));
            Assert.Equal(0, await app.Services.GetRequiredService<UnreadMessageEmails>().SendDueAsync(ct));
            // So do the reminders of requests waiting a day, and no request has waited past its deadline.
            Assert.NotEqual(0, await db.RequestReminders.CountAsync(ct));
            Assert.Equal(0, await app.Services.GetRequiredService<RequestReminders>().SendDueAsync(ct));
            Assert.Equal(0, await app.Services.GetRequiredService<RequestExpiry>().ExpireDueAsync(ct));
            Assert.Equal(0, await db.EmailOutbox.CountAsync(ct));

            // Mentori reads what was written as it reads its own rows (ids, times, JSON): the busiest mentee's sessions.
            var mentee1 = await db.Users.SingleAsync(u => u.Email == "mentee1@example.com", ct);
            var theirs = await db.Sessions.CountAsync(s => s.MenteeId == mentee1.Id, ct);
            var login = await Api.LoginAsync(app.CreateClient(), mentee1.Email, SampleData.Password);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var client = app.CreateClient().WithBearer(Api.AccessToken(await login.JsonAsync()));
            var sessions = await (await client.GetAsync("/api/v1/sessions?limit=100", ct)).JsonAsync();
            Assert.Equal(Math.Min(100, theirs), sessions.GetProperty("items").GetArrayLength());
            var mentor = sessions.GetProperty("items")[0].GetProperty("mentor").GetProperty("id").GetGuid();
            var page = await (await client.GetAsync($"/api/v1/mentors/{mentor}", ct)).JsonAsync();
            Assert.NotEqual(0, page.GetProperty("expertise").GetArrayLength());
        }

        await AfterLoadAsync();
    }

    /// <summary>What else must hold of the database after a load on this provider.</summary>
    protected virtual Task AfterLoadAsync() => Task.CompletedTask;

    [Fact]
    public async Task Generate_refuses_a_database_that_has_users_and_a_count_that_is_not_one_and_changes_nothing()
    {
        Assert.Equal(0, (await RunAsync(Database, "generate", "--mentors", "2", "--mentees", "2", "--sessions", "0", "--messages", "0")).ExitCode);

        var again = await RunAsync(Database, "generate", "--mentors", "2");
        var negative = await RunAsync(Database, "generate", "--sessions", "-5");
        var word = await RunAsync(Database, "generate", "--messages", "many");

        Assert.Equal((1, "generate: generate fills an empty database; this one has users. Create a new database for generated data."),
            (again.ExitCode, again.Error.Trim()));
        Assert.Equal((1, "generate: --sessions: a whole number from 0 to 50,000,000, not \"-5\"."), (negative.ExitCode, negative.Error.Trim()));
        Assert.Equal((1, "generate: --messages: a whole number from 0 to 50,000,000, not \"many\"."), (word.ExitCode, word.Error.Trim()));
        await using var db = Database.NewContext();
        Assert.Equal(4, await db.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    protected static Task<ServerCommand.Result> RunAsync(TestDatabase database, params string[] arguments) =>
        ServerCommand.RunAsync(arguments, ServerCommand.DatabaseEnvironment(database));
}

public sealed class GenerateCommandOnPostgres(PostgresServer server) : GenerateCommandTests(server)
{
    [Fact]
    public async Task The_same_seed_gives_the_same_data_and_another_seed_other_data()
    {
        await using var twin = await Server.CreateDatabaseAsync();
        await using var other = await Server.CreateDatabaseAsync();

        Assert.Equal(0, (await RunAsync(Database, SmallPlan)).ExitCode);
        Assert.Equal(0, (await RunAsync(twin, SmallPlan)).ExitCode);
        Assert.Equal(0, (await RunAsync(other, [.. SmallPlan[..^1], "8"])).ExitCode);

        var first = await FingerprintAsync(Database);
        Assert.Equal(first, await FingerprintAsync(twin));
        Assert.NotEqual(first, await FingerprintAsync(other));
    }

    /// <summary>The indexes and foreign keys set aside during the load are all back, as the migrations made them.</summary>
    protected override async Task AfterLoadAsync()
    {
        await using var migrated = await Server.CreateDatabaseAsync();
        Assert.Equal(await IndexesAndConstraintsAsync(migrated), await IndexesAndConstraintsAsync(Database));
    }

    /// <summary>
    /// Every id and value of the generated people, sessions, ratings and messages, hashed; times only as spans, as the
    /// command places them from the hour it runs in (ids without their version-7 time).
    /// </summary>
    private static async Task<string> FingerprintAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Database.SqlQueryRaw<string>("""
            SELECT md5(
                (SELECT string_agg(substr(id::text, 15) || email || role || is_active, ',' ORDER BY id) FROM users)
                || (SELECT string_agg(substr(user_id::text, 15) || first_name || last_name || coalesce(expertise::text, '') || coalesce(availability::text, ''), ',' ORDER BY user_id) FROM profiles)
                || (SELECT string_agg(substr(id::text, 15) || substr(mentor_id::text, 15) || substr(mentee_id::text, 15) || status || (scheduled_at - created_at) || duration, ',' ORDER BY id) FROM sessions)
                || (SELECT string_agg(substr(id::text, 15) || substr(session_id::text, 15) || rating, ',' ORDER BY id) FROM ratings)
                || (SELECT string_agg(substr(id::text, 15) || substr(sender_id::text, 15) || content || is_read, ',' ORDER BY id) FROM messages)) AS "Value"
            """).SingleAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> IndexesAndConstraintsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Database.SqlQueryRaw<string>("""
            SELECT indexdef AS "Value" FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' validated: ' || convalidated
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            ORDER BY 1
            """).ToListAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class GenerateCommandOnSqlite(SqliteFiles server) : GenerateCommandTests(server);
