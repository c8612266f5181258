using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Mentori.Data.Entities;

namespace Mentori.Tests.Performance;

/// <summary>
/// Issue 15's budget of at most three SQL statements per request, on the hot reads, counted by
/// <see cref="StatementCounter"/> in the steady state (each request is made once before it is counted, so the
/// per-user caches of the sign-in check are warm, as they are under load). The writes are not within it
/// (docs/performance.md says why); they are held to their counts of today.
/// </summary>
public abstract class StatementBudgetTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private const int Budget = 3;

    [Fact]
    public async Task Each_hot_read_runs_at_most_three_statements()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: new() { ["monday"] = ["9:00-17:00"], ["thursday"] = ["9:00-17:00"] });
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10), SessionStatus.Accepted);
        await Database.SeedRatingsAsync(mentor, 5, 4);
        await Database.SeedAsync(new Message { SenderId = mentor.Id, ReceiverId = mentee.Id, SessionId = session.Id, Content = "Welcome!" });
        await using var app = new MentoriApp(Database).WithServices(StatementCounter.AddTo);
        var counter = app.Services.GetRequiredService<StatementCounter>();
        var asMentee = await SignInAsync(app, mentee);
        var from = DateTime.UtcNow.Date.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        var reads = new (HttpClient Client, string Path)[]
        {
            (app.CreateClient(), "/api/v1/mentors?limit=20"),
            (app.CreateClient(), "/api/v1/mentors?q=test&limit=20"),
            (app.CreateClient(), "/api/v1/mentors?minYears=1&sort=rating&limit=20"),
            (app.CreateClient(), $"/api/v1/mentors/{mentor.Id}"),
            (asMentee, $"/api/v1/mentors/{mentor.Id}/slots?from={from}"),
            (app.CreateClient(), $"/api/v1/users/{mentor.Id}/ratings"),
            (asMentee, "/api/v1/mentors/recommended"),
            (asMentee, "/api/v1/sessions"),
            (asMentee, $"/api/v1/sessions/{session.Id}"),
            (asMentee, "/api/v1/conversations"),
            (asMentee, $"/api/v1/conversations/{mentor.Id}/messages"),
            (asMentee, "/api/v1/messages/unread-count"),
            (asMentee, "/api/v1/me"),
            (asMentee, "/api/v1/me/profile"),
        };

        var counts = new List<string>();
        foreach (var (client, path) in reads)
        {
            await GetAsync(client, path, counter); // the warm-up
            counts.Add(Describe(path, await GetAsync(client, path, counter)));
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", counts));
        Assert.All(counts, line => Assert.False(line.StartsWith("OVER", StringComparison.Ordinal) || line.StartsWith("UNSEEN", StringComparison.Ordinal), line));
    }

    /// <summary>
    /// The writes are above the budget of three (docs/performance.md counts them and says why). This holds each to its
    /// count today, so that none grows unnoticed; lower a ceiling when a write gets cheaper.
    /// </summary>
    [Fact]
    public async Task Each_write_runs_no_more_statements_than_it_does_today()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database).WithServices(StatementCounter.AddTo);
        var counter = app.Services.GetRequiredService<StatementCounter>();
        var asMentee = await SignInAsync(app, mentee);
        var asMentor = await SignInAsync(app, mentor);

        // Each write is made once before it is counted, as the reads are, so that the sign-in caches are warm.
        var sessions = new List<Guid>();
        foreach (var hour in new[] { 9, 11 })
        {
            var request = await SendCountedAsync(asMentee, HttpMethod.Post, "/api/v1/sessions", counter,
                new { mentorId = mentor.Id, scheduledAt = TestData.NextYearAt(hour), duration = 60 });
            sessions.Add(request.Body.GetProperty("id").GetGuid());
            if (hour == 11)
            {
                Assert.InRange(request.Statements.Count, 1, Database.Provider == Mentori.Data.DatabaseProvider.Postgres ? 9 : 7);
            }
        }

        foreach (var id in sessions)
        {
            var accept = await SendCountedAsync(asMentor, HttpMethod.Post, $"/api/v1/sessions/{id}/accept", counter, new { });
            if (id == sessions[^1])
            {
                Assert.InRange(accept.Statements.Count, 1, Database.Provider == Mentori.Data.DatabaseProvider.Postgres ? 7 : 6);
            }
        }

        for (var i = 0; i < 2; i++)
        {
            var send = await SendCountedAsync(asMentee, HttpMethod.Post, "/api/v1/messages", counter, new { receiverId = mentor.Id, content = $"Hello {i}" });
            if (i == 1)
            {
                Assert.InRange(send.Statements.Count, 1, 2);
            }
        }
    }

    /// <summary>
    /// One line per request; "OVER" past the budget, with the statements. Every one of these reads touches the
    /// database, so none counted means the counter missed them (a command run past EF's interceptors), "UNSEEN".
    /// </summary>
    private static string Describe(string path, Counted counted) =>
        (counted.Statements.Count > Budget ? "OVER " : counted.Statements.Count == 0 ? "UNSEEN " : "") + $"{counted.Statements.Count} {path}" +
        (counted.Statements.Count > Budget ? "\n    " + string.Join("\n    ", counted.Statements.Select(s => s.ReplaceLineEndings(" "))) : "");

    private sealed record Counted(IReadOnlyCollection<string> Statements, System.Text.Json.JsonElement Body);

    private static Task<Counted> GetAsync(HttpClient client, string path, StatementCounter counter) =>
        SendCountedAsync(client, HttpMethod.Get, path, counter, body: null);

    /// <summary>Sends one request marked for the counter, asserts it succeeded, and returns its statements and answer.</summary>
    private static async Task<Counted> SendCountedAsync(HttpClient client, HttpMethod method, string path, StatementCounter counter, object? body)
    {
        var id = Guid.NewGuid().ToString("N");
        using var message = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            message.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        message.Headers.Add(StatementCounter.Header, id);
        using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        var statements = counter.Of(id);
        if (method != HttpMethod.Get)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{statements.Count} {method} {path}\n    " + string.Join("\n    ", statements.Select(s => s.ReplaceLineEndings(" "))));
        }

        return new Counted([.. statements], System.Text.Json.JsonDocument.Parse(text).RootElement.Clone());
    }
}

public sealed class StatementBudgetOnSqlite(SqliteFiles server) : StatementBudgetTests(server);

public sealed class StatementBudgetOnPostgres(PostgresServer server) : StatementBudgetTests(server);
