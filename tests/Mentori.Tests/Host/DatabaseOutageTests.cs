using System.Net;
using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mentori.Tests.Host;

/// <summary>
/// Issue 17: while PostgreSQL is down, reads and writes get a 503 problem document with <c>Retry-After</c> (never a
/// 500), <c>/health/ready</c> is 503, a page is the error page with 503, a write refused stores nothing, and Mentori
/// answers again by itself once PostgreSQL is back. The server of its own is stopped as in a crash (immediate).
/// </summary>
public sealed class DatabaseOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_PostgreSQL_is_down_requests_get_503_and_Mentori_recovers_by_itself()
    {
        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            if (TestEnvironment.IsCI)
            {
                throw new InvalidOperationException("PostgreSQL is not installed");
            }

            Assert.Skip("PostgreSQL is not installed");
        }

        await using var postgres = await LocalPostgres.StartAsync();
        await using (var admin = new NpgsqlConnection(postgres.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await new NpgsqlCommand("CREATE DATABASE mentori", admin).ExecuteNonQueryAsync(Ct);
        }

        var database = new TestDatabase(DatabaseProvider.Postgres, postgres.ConnectionStringFor("mentori"), () => Task.CompletedTask);
        await using (var db = database.NewContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        var mentor = await database.SeedUserAsync(UserRole.Mentor, availability: TestData.AllWeek(), timezone: "UTC");
        var mentee = await database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(database);
        var client = await SignInAsync(app, mentee);
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(10);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/mentors", Ct)).StatusCode);

        await using (var admin = new NpgsqlConnection(postgres.ConnectionString))
        {
            // The test server does not wait for the disk on commit (synchronous_commit off): written out now, the seeded
            // rows survive the crash, as every commit does on a real server.
            await admin.OpenAsync(Ct);
            await new NpgsqlCommand("CHECKPOINT", admin).ExecuteNonQueryAsync(Ct);
        }

        await postgres.StopAsync();
        var read = await client.GetAsync("/api/v1/mentors", Ct);
        var write = await RequestAsync(client, mentor.Id, start);
        var ready = await app.CreateClient().GetAsync("/health/ready", Ct);
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await browser.GetAsync("/mentors", Ct);

        await postgres.StartAgainAsync();
        await WaitUntilAsync(async () => (await client.GetAsync("/api/v1/mentors", Ct)).StatusCode == HttpStatusCode.OK);
        var again = await RequestAsync(client, mentor.Id, start);

        foreach (var refused in new[] { read, write })
        {
            var problem = await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.EndsWith(":database-unavailable", problem.GetProperty("type").GetString());
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        await using var stored = database.NewContext();
        Assert.Equal(1, await stored.Sessions.CountAsync(Ct));
    }
}
