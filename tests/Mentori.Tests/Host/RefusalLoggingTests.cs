using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// Issue 17: what a request logs carries the request's id and the signed-in user's id, and nothing names anybody by
    /// email or name (the session request's email is logged by its message id once the outbox sends it). Outside
    /// Development the console writes it as JSON with those scopes.
    /// </summary>
    [Fact]
    public async Task Logs_carry_the_request_and_the_user_by_id_and_no_email_or_name()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: TestData.AllWeek(), timezone: "UTC", firstName: "Grace");
        var mentee = await Database.SeedUserAsync(UserRole.Mentee, firstName: "Alan");
        await using var app = new MentoriApp(Database).WithSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing", "Information"); // its "Executed endpoint"
        var logs = CapturedLogs.In(app);
        var client = await SignInAsync(app, mentee);

        var requested = await RequestAsync(client, mentor.Id, DateTime.UtcNow.Date.AddDays(3).AddHours(10));

        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        await WaitUntilAsync(() => Task.FromResult(logs.Entries.Any(e => e.Message.StartsWith("Email ", StringComparison.Ordinal))));
        var inRequest = logs.Entries.First(e => e.Message.StartsWith("Executed endpoint 'HTTP: POST /api/v1/sessions", StringComparison.Ordinal));
        Assert.Equal(mentee.Id, inRequest.Scopes["UserId"]);
        Assert.True(inRequest.Scopes.ContainsKey("RequestId"), string.Join(", ", inRequest.Scopes.Keys));
        Assert.All(logs.Entries, e => Assert.False(
            e.Message.Contains(mentor.Email, StringComparison.OrdinalIgnoreCase) || e.Message.Contains(mentee.Email, StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("Grace", StringComparison.Ordinal) || e.Message.Contains("Alan", StringComparison.Ordinal), e.Message));
        var console = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal("json", console.FormatterName);
    }
}

public sealed class RefusalLoggingOnPostgres(PostgresServer server) : RefusalLoggingTests(server);

public sealed class RefusalLoggingOnSqlite(SqliteFiles server) : RefusalLoggingTests(server);
