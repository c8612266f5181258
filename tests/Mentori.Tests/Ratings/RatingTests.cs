using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Ratings;

public abstract class RatingTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static Task<HttpResponseMessage> RateAsync(HttpClient client, Guid sessionId, object body) =>
        client.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/rating", body);

    [Fact]
    public async Task Both_sides_of_a_completed_session_rate_each_other_once()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10).AddYears(-2), SessionStatus.Completed);
        await using var app = new MentoriApp(Database);
        var menteeClient = await SignInAsync(app, mentee);
        var mentorClient = await SignInAsync(app, mentor);

        var byMentee = await RateAsync(menteeClient, session.Id, new { rating = 5, feedback = "  Very helpful  " });
        var byMentor = await RateAsync(mentorClient, session.Id, new { rating = 4 });
        var again = await RateAsync(menteeClient, session.Id, new { rating = 1 });

        Assert.Equal(HttpStatusCode.Created, byMentee.StatusCode);
        var rating = await byMentee.JsonAsync();
        Assert.Equal(mentor.Id, rating.GetProperty("ratedId").GetGuid());
        Assert.Equal("Very helpful", rating.GetProperty("feedback").GetString());
        Assert.Equal(HttpStatusCode.Created, byMentor.StatusCode);
        Assert.EndsWith(":already-rated", (await AssertProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        var received = await (await app.CreateClient().GetAsync($"/api/v1/users/{mentor.Id}/ratings")).JsonAsync();
        Assert.Equal(5.0, received.GetProperty("average").GetDouble());
        Assert.Equal(1, received.GetProperty("count").GetInt32());
        Assert.Equal(mentee.Id, received.GetProperty("items")[0].GetProperty("rater").GetProperty("id").GetGuid());
        var listed = (await (await app.CreateClient().GetAsync("/api/v1/mentors")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal(5.0, listed.GetProperty("ratingAverage").GetDouble());
    }

    [Theory]
    [InlineData(SessionStatus.Pending)]
    [InlineData(SessionStatus.Accepted)]
    [InlineData(SessionStatus.Declined)]
    [InlineData(SessionStatus.Cancelled)]
    public async Task Only_completed_sessions_are_rated(SessionStatus status)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10), status);
        await using var app = new MentoriApp(Database);

        var response = await RateAsync(await SignInAsync(app, mentee), session.Id, new { rating = 5 });

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Ratings.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("""{"rating": 0}""", "rating")]
    [InlineData("""{"rating": 6}""", "rating")]
    [InlineData("""{}""", "rating")]
    [InlineData("""{"rating": "five"}""", "rating")]
    [InlineData("""{"rating": 4.5}""", "rating")]
    public async Task Bad_ratings_are_field_errors(string json, string field)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10).AddYears(-2), SessionStatus.Completed);
        await using var app = new MentoriApp(Database);

        var response = await (await SignInAsync(app, mentee)).PostAsync($"/api/v1/sessions/{session.Id}/rating",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.True((await AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Feedback_holds_2000_characters_and_strangers_get_404()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var stranger = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10).AddYears(-2), SessionStatus.Completed);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        await AssertProblemAsync(await RateAsync(client, session.Id, new { rating = 3, feedback = new string('x', 2001) }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await RateAsync(await SignInAsync(app, stranger), session.Id, new { rating = 3 }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await RateAsync(client, session.Id, new { rating = 3, feedback = new string('x', 2000) })).StatusCode);
        await AssertProblemAsync(await app.CreateClient().GetAsync($"/api/v1/users/{Guid.NewGuid()}/ratings"), HttpStatusCode.NotFound);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_participant_rating_many_times_at_once_is_counted_once()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10).AddYears(-2), SessionStatus.Completed);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        using var go = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            go.Wait(TestContext.Current.CancellationToken);
            return (await RateAsync(client, session.Id, new { rating = 1 + (i % 5) })).StatusCode;
        })).ToList();
        go.Set();
        var statuses = await Task.WhenAll(attempts);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(31, statuses.Count(s => s == HttpStatusCode.Conflict));
        var received = await (await app.CreateClient().GetAsync($"/api/v1/users/{mentor.Id}/ratings")).JsonAsync();
        Assert.Equal(1, received.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Ratings_received_page_newest_first()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        await using (var db = Database.NewContext())
        {
            for (var i = 0; i < 5; i++)
            {
                var mentee = TestData.NewUser(UserRole.Mentee);
                var (session, rating) = TestData.CompletedAndRated(mentor, mentee, mentee, 1 + i);
                db.AddRange(mentee, session, rating);
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var scores = (await AllItemsAsync(client, $"/api/v1/users/{mentor.Id}/ratings", 2)).Select(r => r.GetProperty("rating").GetInt32()).ToList();
        Assert.Equal(3.0, (await GetOkAsync(client, $"/api/v1/users/{mentor.Id}/ratings?limit=2")).GetProperty("average").GetDouble());

        Assert.Equal([1, 2, 3, 4, 5], scores.Order());
        Assert.Equal(5, scores.Count);
    }
}

public sealed class RatingOnPostgres(PostgresServer server) : RatingTests(server);

public sealed class RatingOnSqlite(SqliteFiles server) : RatingTests(server);
