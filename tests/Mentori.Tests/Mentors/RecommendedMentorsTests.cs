using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;

namespace Mentori.Tests.Mentors;

public abstract class RecommendedMentorsTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static async Task<HttpClient> MenteeInterestedInAsync(MentoriApp app, params string[] interests)
    {
        var mentee = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentee")));
        var response = await mentee.PutAsJsonAsync("/api/v1/me/profile", new { firstName = "Mia", lastName = "Mentee", interests });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return mentee;
    }

    [Fact]
    public async Task Ranks_by_topics_in_common_then_rating_and_names_the_topics()
    {
        var two = TestData.NewMentor("Two", expertise: ["REACT", "Career Development", "Go"]);
        var oneRated = TestData.NewMentor("OneRated", expertise: ["react"]);
        var oneUnrated = TestData.NewMentor("OneUnrated", expertise: ["Career development"]);
        var none = TestData.NewMentor("None", expertise: ["Rust"]);
        var noExpertise = TestData.NewMentor("Empty");
        await Database.SeedAsync(two, oneRated, oneUnrated, none, noExpertise);
        await Database.SeedRatingsAsync(oneRated, 4);
        await using var app = new MentoriApp(Database);
        var mentee = await MenteeInterestedInAsync(app, "React", "career development", "Design");

        var page = await GetOkAsync(mentee, "/api/v1/mentors/recommended");

        Assert.Equal([two.Id, oneRated.Id, oneUnrated.Id], Ids(page));
        var first = page.GetProperty("items")[0];
        Assert.Equal(2, first.GetProperty("score").GetInt32());
        Assert.Equal(["REACT", "Career Development"], first.GetProperty("matchedTopics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["react"], page.GetProperty("items")[1].GetProperty("matchedTopics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Two", first.GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Pages_through_every_match_once()
    {
        var mentors = Enumerable.Range(0, 9).Select(i => TestData.NewMentor(expertise: i % 3 == 0 ? ["SQL", "Go"] : ["sql"])).ToArray();
        await Database.SeedAsync(mentors);
        await Database.SeedRatingsAsync(mentors[1], 5);
        await using var app = new MentoriApp(Database);
        var mentee = await MenteeInterestedInAsync(app, "sql", "go");

        var paged = await AllPagesAsync(mentee, "/api/v1/mentors/recommended", 2);
        var whole = Ids(await GetOkAsync(mentee, "/api/v1/mentors/recommended?limit=100"));

        Assert.Equal(whole, paged);
        Assert.Equal(9, paged.Distinct().Count());
        Assert.Equal(new[] { mentors[0].Id, mentors[3].Id, mentors[6].Id }.Order(), paged.Take(3).Order());
        Assert.Equal(mentors[1].Id, paged[3]);
    }

    [Fact]
    public async Task A_mentee_without_interests_gets_an_empty_list()
    {
        await Database.SeedAsync(TestData.NewMentor(expertise: ["SQL"]));
        await using var app = new MentoriApp(Database);
        var mentee = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentee")));

        var page = await GetOkAsync(mentee, "/api/v1/mentors/recommended");

        Assert.Empty(Ids(page));
    }

    [Fact]
    public async Task Only_mentees_get_recommendations()
    {
        await using var app = new MentoriApp(Database);
        var mentor = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentor")));

        var problem = await AssertProblemAsync(await mentor.GetAsync("/api/v1/mentors/recommended"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await app.CreateClient().GetAsync("/api/v1/mentors/recommended"), HttpStatusCode.Unauthorized);

        Assert.EndsWith(":wrong-role", problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=x", "limit")]
    [InlineData("cursor=bm9wZQ", "cursor")]
    public async Task Bad_paging_values_are_field_errors(string query, string field)
    {
        await using var app = new MentoriApp(Database);
        var mentee = await MenteeInterestedInAsync(app, "sql");

        var problem = await AssertProblemAsync(await mentee.GetAsync($"/api/v1/mentors/recommended?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

public sealed class RecommendedMentorsOnPostgres(PostgresServer server) : RecommendedMentorsTests(server);

public sealed class RecommendedMentorsOnSqlite(SqliteFiles server) : RecommendedMentorsTests(server);
