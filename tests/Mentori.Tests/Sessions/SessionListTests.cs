using System.Net;
using Mentori.Data.Entities;
using Mentori.Tests.Host;

namespace Mentori.Tests.Sessions;

public abstract class SessionListTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static Guid[] Ids(System.Text.Json.JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid())];

    [Fact]
    public async Task Each_side_pages_through_its_own_sessions_newest_start_first()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var otherMentee = await Database.SeedUserAsync(UserRole.Mentee);
        var mine = new List<Session>();
        for (var i = 0; i < 5; i++)
        {
            mine.Add(await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(8 + (i % 2)).AddDays(i / 2)));
        }

        var theirs = await Database.SeedSessionAsync(mentor, otherMentee, TestData.NextYearAt(20));
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        var ids = await AllPagesAsync(client, "/api/v1/sessions", 2);

        Assert.Equal(mine.OrderByDescending(s => s.ScheduledAt).Select(s => s.Id), ids);
        var mentorsView = Ids(await (await (await SignInAsync(app, mentor)).GetAsync("/api/v1/sessions?limit=100")).JsonAsync());
        Assert.Equal(6, mentorsView.Length);
        Assert.Contains(theirs.Id, mentorsView);
    }

    [Fact]
    public async Task Filters_by_status_and_start()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var early = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(8), SessionStatus.Accepted);
        var late = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(15));
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        var noon = TestData.NextYearAt(12).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal([early.Id], Ids(await (await client.GetAsync("/api/v1/sessions?status=accepted")).JsonAsync()));
        Assert.Equal([late.Id], Ids(await (await client.GetAsync($"/api/v1/sessions?from={noon}")).JsonAsync()));
        Assert.Equal([early.Id], Ids(await (await client.GetAsync($"/api/v1/sessions?to={noon}")).JsonAsync()));
    }

    [Fact]
    public async Task Admins_see_every_session_with_all_and_others_may_not_ask()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(8));
        await using var app = new MentoriApp(Database);
        var adminClient = await SignInAsync(app, admin);

        Assert.Equal([session.Id], Ids(await (await adminClient.GetAsync("/api/v1/sessions?all=true")).JsonAsync()));
        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync($"/api/v1/sessions/{session.Id}")).StatusCode);
        await AssertProblemAsync(await (await SignInAsync(app, mentee)).GetAsync("/api/v1/sessions?all=true"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_stranger_cannot_see_a_session()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var stranger = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(8));
        await using var app = new MentoriApp(Database);

        await AssertProblemAsync(await (await SignInAsync(app, stranger)).GetAsync($"/api/v1/sessions/{session.Id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=xyz", "cursor")]
    [InlineData("from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "to")]
    [InlineData("from=soon", "from")]
    [InlineData("all=maybe", "all")]
    public async Task Bad_filters_are_field_errors(string query, string field)
    {
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);

        var response = await (await SignInAsync(app, mentee)).GetAsync($"/api/v1/sessions?{query}");

        Assert.True((await AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
    }
}

public sealed class SessionListOnPostgres(PostgresServer server) : SessionListTests(server);

public sealed class SessionListOnSqlite(SqliteFiles server) : SessionListTests(server);
