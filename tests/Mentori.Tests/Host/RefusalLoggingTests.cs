using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Microsoft.Extensions.Logging;

namespace Mentori.Tests.Host;

/// <summary>A refusal the code turns into a 4xx is the code working: the log shows no error and no stack trace for it.</summary>
public abstract class RefusalLoggingTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Refusals_that_the_database_decides_log_no_error()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var completed = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10).AddYears(-2), SessionStatus.Completed);
        await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10), SessionStatus.Accepted);
        var clashing = await Database.SeedSessionAsync(mentor, await Database.SeedUserAsync(UserRole.Mentee), TestData.NextYearAt(10, 30));
        await using var app = new MentoriApp(Database);
        var logs = CapturedLogs.In(app);
        var menteeClient = await SignInAsync(app, mentee);

        Assert.Equal(HttpStatusCode.Created, (await menteeClient.PostAsJsonAsync($"/api/v1/sessions/{completed.Id}/rating", new { rating = 5 })).StatusCode);
        var secondRating = await menteeClient.PostAsJsonAsync($"/api/v1/sessions/{completed.Id}/rating", new { rating = 1 });
        var overlappingAccept = await ActAsync(await SignInAsync(app, mentor), clashing.Id, "accept");
        var nulInEmail = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = "a\u0000b@example.com", password = Password });

        Assert.Equal(HttpStatusCode.Conflict, secondRating.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, overlappingAccept.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nulInEmail.StatusCode);
        var loud = logs.Entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null
            || (e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && e.Level >= LogLevel.Warning)).ToList();
        Assert.True(loud.Count == 0, string.Join("\n", loud.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
    }
}

public sealed class RefusalLoggingOnPostgres(PostgresServer server) : RefusalLoggingTests(server);

public sealed class RefusalLoggingOnSqlite(SqliteFiles server) : RefusalLoggingTests(server);
