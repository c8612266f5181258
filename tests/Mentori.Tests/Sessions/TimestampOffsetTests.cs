using System.Net;
using System.Text;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Sessions;

/// <summary>
/// Every time a client sends carries its offset; the suite's process runs in <see cref="ProcessTimeZone.Id"/>, so a
/// time read in the server's own zone would be stored nine hours off.
/// </summary>
public abstract class TimestampOffsetTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static readonly int Year = DateTime.UtcNow.Year + 1;

    [Theory]
    [InlineData("{year}-03-02T10:00:00")]
    [InlineData("{year}-03-02T10:00")]
    [InlineData("{year}-03-02")]
    [InlineData("{year}-03-02T10:00:00.000")]
    public async Task A_start_without_an_offset_is_a_field_error_and_stores_nothing(string scheduledAt)
    {
        await using var app = new MentoriApp(Database);
        var (client, mentor) = await MenteeAndMentorAsync(app);

        var response = await PostSessionAsync(client, mentor.Id, scheduledAt.Replace("{year}", $"{Year}", StringComparison.Ordinal));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("offset", problem.GetProperty("errors").GetProperty("scheduledAt")[0].GetString());
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Sessions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("{year}-03-02T10:00:00Z", 10)]
    [InlineData("{year}-03-02T19:00:00+09:00", 10)]
    [InlineData("{year}-03-02T05:30:00-04:30", 10)]
    public async Task A_start_with_an_offset_is_stored_as_that_instant_in_utc(string scheduledAt, int utcHour)
    {
        await using var app = new MentoriApp(Database);
        var (client, mentor) = await MenteeAndMentorAsync(app);

        var response = await PostSessionAsync(client, mentor.Id, scheduledAt.Replace("{year}", $"{Year}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{Year}-03-02T{utcHour:00}:00:00Z", (await response.JsonAsync()).GetProperty("scheduledAt").GetString());
        await using var db = Database.NewContext();
        var stored = await db.Sessions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new DateTime(Year, 3, 2, utcHour, 0, 0, DateTimeKind.Utc), stored.ScheduledAt);
    }

    [Theory]
    [InlineData("/api/v1/sessions?from={year}-03-02T10:00:00", "from")]
    [InlineData("/api/v1/sessions?to={year}-03-02T10:00:00", "to")]
    [InlineData("/api/v1/sessions?from={year}-03-02T10:00:00%2B09:00&to={year}-03-03", "to")]
    [InlineData("/api/v1/mentors/{mentor}/slots?from={year}-03-02T00:00:00&to={year}-03-03T00:00:00Z", "from")]
    [InlineData("/api/v1/mentors/{mentor}/slots?from={year}-03-02T00:00:00Z&to={year}-03-03T00:00:00", "to")]
    public async Task A_query_time_without_an_offset_is_a_field_error(string path, string field)
    {
        await using var app = new MentoriApp(Database);
        var (client, mentor) = await MenteeAndMentorAsync(app);

        var response = await client.GetAsync(path.Replace("{year}", $"{Year}", StringComparison.Ordinal)
            .Replace("{mentor}", mentor.Id.ToString(), StringComparison.Ordinal));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("offset", problem.GetProperty("errors").GetProperty(field)[0].GetString()!, StringComparison.Ordinal);

    }

    [Fact]
    public async Task A_query_time_with_an_offset_filters_by_that_instant()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, new DateTime(Year, 3, 2, 10, 0, 0, DateTimeKind.Utc));
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        // 19:00 in Tokyo is 10:00 UTC: the session starts at "from", so it is in the list; an hour later it is not.
        var at = await (await client.GetAsync($"/api/v1/sessions?from={Year}-03-02T19:00:00%2B09:00")).JsonAsync();
        var after = await (await client.GetAsync($"/api/v1/sessions?from={Year}-03-02T20:00:00%2B09:00")).JsonAsync();

        Assert.Equal(session.Id, Assert.Single(at.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty(after.GetProperty("items").EnumerateArray());
    }

    private async Task<(HttpClient Client, User Mentor)> MenteeAndMentorAsync(MentoriApp app)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        return (await SignInAsync(app, mentee), mentor);
    }

    private static Task<HttpResponseMessage> PostSessionAsync(HttpClient client, Guid mentorId, string scheduledAt) =>
        client.PostAsync("/api/v1/sessions", new StringContent(
            $$"""{"mentorId": "{{mentorId}}", "scheduledAt": "{{scheduledAt}}", "duration": 60}""", Encoding.UTF8, "application/json"));
}

public sealed class TimestampOffsetOnPostgres(PostgresServer server) : TimestampOffsetTests(server);

public sealed class TimestampOffsetOnSqlite(SqliteFiles server) : TimestampOffsetTests(server);
