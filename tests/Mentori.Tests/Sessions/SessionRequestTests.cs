using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;

namespace Mentori.Tests.Sessions;

public abstract class SessionRequestTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task A_mentee_requests_a_session_and_the_mentor_hears_of_it()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        var start = TestData.NextYearAt(10);

        var response = await RequestAsync(client, mentor.Id, start, 90, "  Career change  ");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.JsonAsync();
        Assert.Equal($"/api/v1/sessions/{session.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
        Assert.Equal("pending", Status(session));
        Assert.Equal(start, session.GetProperty("scheduledAt").GetDateTime().ToUniversalTime());
        Assert.Equal(start.AddMinutes(90), session.GetProperty("endsAt").GetDateTime().ToUniversalTime());
        Assert.Equal("Career change", session.GetProperty("menteeNotes").GetString());
        Assert.Equal(mentor.Id, session.GetProperty("mentor").GetProperty("id").GetGuid());
        Assert.Equal("Test", session.GetProperty("mentee").GetProperty("firstName").GetString());
        var email = await app.WaitForEmailAsync(mentor.Email, "New session request");
        Assert.Contains("Career change", email.TextBody);
    }

    [Fact]
    public async Task The_duration_defaults_to_an_hour()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);

        var response = await RequestAsync(await SignInAsync(app, mentee), mentor.Id, TestData.NextYearAt(10), duration: null);

        Assert.Equal(60, (await response.JsonAsync()).GetProperty("duration").GetInt32());
    }

    [Theory]
    [InlineData("""{"scheduledAt": "2099-01-01T10:00:00Z"}""", "mentorId")]
    [InlineData("""{"mentorId": "{mentor}"}""", "scheduledAt")]
    [InlineData("""{"mentorId": "{mentor}", "scheduledAt": "2020-01-01T10:00:00Z"}""", "scheduledAt")]
    [InlineData("""{"mentorId": "{mentor}", "scheduledAt": "9999-12-31T23:00:00Z"}""", "scheduledAt")]
    [InlineData("""{"mentorId": "{mentor}", "scheduledAt": "2099-01-01T10:00:00Z", "duration": 29}""", "duration")]
    [InlineData("""{"mentorId": "{mentor}", "scheduledAt": "2099-01-01T10:00:00Z", "duration": 181}""", "duration")]
    [InlineData("""{"mentorId": "{mentor}", "scheduledAt": "2099-01-01T10:00:00Z", "duration": "long"}""", "duration")]
    [InlineData("""{"mentorId": "{mentor}", "scheduledAt": "tomorrow"}""", "scheduledAt")]
    [InlineData("""{"mentorId": "{mentor}", "scheduledAt": "2099-01-01T10:00:30Z"}""", "scheduledAt")]
    [InlineData("""{"mentorId": "{mentor}", "scheduledAt": "2099-01-01T10:00:00.9Z"}""", "scheduledAt")]
    [InlineData("""{"mentorId": "not-a-guid", "scheduledAt": "2099-01-01T10:00:00Z"}""", "mentorId")]
    public async Task Bad_requests_are_field_errors_and_store_nothing(string json, string field)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        var response = await client.PostAsync("/api/v1/sessions",
            new StringContent(json.Replace("{mentor}", mentor.Id.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = Database.NewContext();
        Assert.Equal(0, db.Sessions.Count());
    }

    [Fact]
    public async Task Notes_longer_than_5000_characters_are_refused()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);

        var response = await RequestAsync(await SignInAsync(app, mentee), mentor.Id, TestData.NextYearAt(10), menteeNotes: new string('x', 5001));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("menteeNotes", out _));
    }

    [Fact]
    public async Task Only_active_mentors_can_be_booked()
    {
        var otherMentee = await Database.SeedUserAsync(UserRole.Mentee);
        var inactive = await Database.SeedUserAsync(UserRole.Mentor);
        await using (var db = Database.NewContext())
        {
            (await db.Users.FindAsync([inactive.Id], TestContext.Current.CancellationToken))!.IsActive = false;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        foreach (var id in new[] { otherMentee.Id, inactive.Id, Guid.NewGuid() })
        {
            await AssertProblemAsync(await RequestAsync(client, id, TestData.NextYearAt(10)), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Mentors_and_unverified_mentees_cannot_request()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var otherMentor = await Database.SeedUserAsync(UserRole.Mentor);
        var unverified = await Database.SeedUserAsync(UserRole.Mentee, verified: false);
        await using var app = new MentoriApp(Database);

        var byMentor = await RequestAsync(await SignInAsync(app, otherMentor), mentor.Id, TestData.NextYearAt(10));
        var byUnverified = await RequestAsync(await SignInAsync(app, unverified), mentor.Id, TestData.NextYearAt(10));

        Assert.EndsWith(":wrong-role", (await AssertProblemAsync(byMentor, HttpStatusCode.Forbidden)).GetProperty("type").GetString());
        Assert.EndsWith(":email-not-verified", (await AssertProblemAsync(byUnverified, HttpStatusCode.Forbidden)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unverified_mentees_may_request_when_the_operator_allows_it()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var unverified = await Database.SeedUserAsync(UserRole.Mentee, verified: false);
        await using var app = new MentoriApp(Database).WithSetting("Auth:RequireVerifiedEmail", "false");

        var response = await RequestAsync(await SignInAsync(app, unverified), mentor.Id, TestData.NextYearAt(10));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_request_must_lie_wholly_inside_the_mentors_availability_on_any_minute()
    {
        var start = TestData.NextYearAt(9);
        var day = start.DayOfWeek.ToString().ToLowerInvariant();
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: new() { [day] = ["9:00-12:00"] }, timezone: "UTC");
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        var odd = await RequestAsync(client, mentor.Id, start.AddMinutes(17), 60);
        var tooLong = await RequestAsync(client, mentor.Id, start.AddHours(2).AddMinutes(30), 60);
        var before = await RequestAsync(client, mentor.Id, start.AddMinutes(-30), 60);

        Assert.Equal(HttpStatusCode.Created, odd.StatusCode);
        Assert.True((await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("scheduledAt", out _));
        await AssertProblemAsync(before, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_request_may_not_overlap_the_mentors_accepted_sessions_or_the_mentees_own()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var otherMentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var otherMentee = await Database.SeedUserAsync(UserRole.Mentee);
        var ten = TestData.NextYearAt(10);
        await Database.SeedSessionAsync(mentor, otherMentee, ten, SessionStatus.Accepted);
        await Database.SeedSessionAsync(otherMentor, mentee, ten.AddHours(3), SessionStatus.Pending);
        await Database.SeedSessionAsync(mentor, otherMentee, ten.AddHours(5), SessionStatus.Pending);
        await Database.SeedSessionAsync(mentor, otherMentee, ten.AddHours(7), SessionStatus.Cancelled);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        await AssertProblemAsync(await RequestAsync(client, mentor.Id, ten.AddMinutes(30)), HttpStatusCode.Conflict);
        await AssertProblemAsync(await RequestAsync(client, mentor.Id, ten.AddHours(3).AddMinutes(59)), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(client, mentor.Id, ten.AddHours(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(client, mentor.Id, ten.AddHours(5))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(client, mentor.Id, ten.AddHours(7))).StatusCode);
    }
}

public sealed class SessionRequestOnPostgres(PostgresServer server) : SessionRequestTests(server);

public sealed class SessionRequestOnSqlite(SqliteFiles server) : SessionRequestTests(server);
