using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Host;

/// <summary>
/// A client that lost an answer sends the same write again with the id it chose: the write is stored once, the
/// answer is the stored row (200 instead of 201), and another write under that id is refused.
/// </summary>
public abstract class RetriedWriteTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_sent_again_with_its_id_is_stored_once()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Accepted);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        var id = Guid.CreateVersion7();

        var first = await client.PostAsJsonAsync("/api/v1/messages", new { id, receiverId = mentor.Id, content = " Hello " }, Cancel);
        var again = await client.PostAsJsonAsync("/api/v1/messages", new { id, receiverId = mentor.Id, content = " Hello " }, Cancel);
        var other = await client.PostAsJsonAsync("/api/v1/messages", new { id, receiverId = mentor.Id, content = "Something else" }, Cancel);
        var byMentor = await (await SignInAsync(app, mentor)).PostAsJsonAsync("/api/v1/messages", new { id, receiverId = mentee.Id, content = "Hello" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stored = await again.JsonAsync();
        Assert.Equal(id, stored.GetProperty("id").GetGuid());
        Assert.Equal((await first.JsonAsync()).GetProperty("createdAt").GetDateTime(), stored.GetProperty("createdAt").GetDateTime());
        Assert.EndsWith(":id-in-use", (await AssertProblemAsync(other, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.EndsWith(":id-in-use", (await AssertProblemAsync(byMentor, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        await using var db = Database.NewContext();
        Assert.Equal(["Hello"], await db.Messages.Select(m => m.Content).ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_session_request_sent_again_is_stored_and_emailed_once_and_answered_as_it_is_now()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        var id = Guid.CreateVersion7();
        var start = TestData.NextYearAt(10);
        object Body(DateTime at) => new { id, mentorId = mentor.Id, scheduledAt = at, duration = 60, menteeNotes = "Career change" };

        var first = await client.PostAsJsonAsync("/api/v1/sessions", Body(start), Cancel);
        var again = await client.PostAsJsonAsync("/api/v1/sessions", Body(start), Cancel);
        var edited = await client.PatchAsJsonAsync($"/api/v1/sessions/{id}/notes", new { menteeNotes = "Career change, and CVs" }, Cancel);
        var accepted = await ActAsync(await SignInAsync(app, mentor), id, "accept");
        var afterAccept = await client.PostAsJsonAsync("/api/v1/sessions", Body(start), Cancel);
        var otherTime = await client.PostAsJsonAsync("/api/v1/sessions", Body(start.AddDays(1)), Cancel);
        var otherMentee = await (await SignInAsync(app, await Database.SeedUserAsync(UserRole.Mentee))).PostAsJsonAsync("/api/v1/sessions", Body(start), Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"/api/v1/sessions/{id}", first.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("pending", Status(await again.JsonAsync()));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterAccept.StatusCode); // sent again after its notes were edited and it was accepted
        var now = await afterAccept.JsonAsync();
        Assert.Equal("accepted", Status(now));
        Assert.Equal("Career change, and CVs", now.GetProperty("menteeNotes").GetString());
        Assert.EndsWith(":id-in-use", (await AssertProblemAsync(otherTime, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        var refused = await AssertProblemAsync(otherMentee, HttpStatusCode.Conflict);
        Assert.EndsWith(":id-in-use", refused.GetProperty("type").GetString());
        Assert.DoesNotContain("Career change", refused.ToString()); // nothing of the other mentee's session
        await using var db = Database.NewContext();
        Assert.Equal([id], await db.Sessions.Select(s => s.Id).ToListAsync(Cancel));
        Assert.Equal(1, await db.EmailOutbox.CountAsync(e => e.Recipient == mentor.Email && e.Subject.Contains("New session request"), Cancel));
    }

    [Fact]
    public async Task A_rating_sent_again_is_answered_with_the_stored_one_and_a_different_one_is_refused()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10).AddYears(-2), SessionStatus.Completed);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        var id = Guid.CreateVersion7();
        var path = $"/api/v1/sessions/{session.Id}/rating";

        var first = await client.PostAsJsonAsync(path, new { id, rating = 5, feedback = "Very helpful" }, Cancel);
        var again = await client.PostAsJsonAsync(path, new { id, rating = 5, feedback = "Very helpful" }, Cancel);
        var changed = await client.PostAsJsonAsync(path, new { id, rating = 1, feedback = "Very helpful" }, Cancel);
        var newId = await client.PostAsJsonAsync(path, new { id = Guid.CreateVersion7(), rating = 5, feedback = "Very helpful" }, Cancel);
        var otherSession = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(12).AddYears(-2), SessionStatus.Completed);
        var sameIdElsewhere = await client.PostAsJsonAsync($"/api/v1/sessions/{otherSession.Id}/rating", new { id, rating = 5, feedback = "Very helpful" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(mentee.Id, (await again.JsonAsync()).GetProperty("rater").GetProperty("id").GetGuid());
        Assert.EndsWith(":id-in-use", (await AssertProblemAsync(changed, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.EndsWith(":already-rated", (await AssertProblemAsync(newId, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.EndsWith(":id-in-use", (await AssertProblemAsync(sameIdElsewhere, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Ratings.CountAsync(Cancel));
        Assert.Equal(1, (await db.RatingSummaries.SingleAsync(s => s.UserId == mentor.Id, Cancel)).RatingCount);
    }

    [Fact]
    public async Task The_same_write_sent_eight_times_at_once_is_stored_once_and_every_copy_succeeds()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Completed);
        var other = await Database.SeedUserAsync(UserRole.Mentor);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        var messageId = Guid.CreateVersion7();
        var sessionId = Guid.CreateVersion7();
        var start = TestData.NextYearAt(14);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => new[]
        {
            client.PostAsJsonAsync("/api/v1/messages", new { id = messageId, receiverId = mentor.Id, content = "Once" }, Cancel),
            client.PostAsJsonAsync("/api/v1/sessions", new { id = sessionId, mentorId = other.Id, scheduledAt = start }, Cancel),
        }));

        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync(Cancel)));
        Assert.All(answers.Zip(bodies), pair => Assert.True(pair.First.IsSuccessStatusCode, $"{(int)pair.First.StatusCode} {pair.Second}"));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.Id == messageId, Cancel));
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.MentorId == other.Id, Cancel));
    }

    [Theory]
    [InlineData("/api/v1/messages", "3f2504e0-4f89-41d3-9a0c-0305e82c3301")] // version 4
    [InlineData("/api/v1/sessions", "00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/v1/sessions/{session}/rating", "017f22e2-79b0-7cc3-18c4-dc0c0c07398f")] // version 7, not the RFC's variant
    public async Task An_id_that_is_not_a_version_7_uuid_is_a_field_error(string path, string id)
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync(SessionStatus.Completed);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        var response = await client.PostAsJsonAsync(path.Replace("{session}", session.Id.ToString(), StringComparison.Ordinal),
            new { id = Guid.Parse(id), receiverId = mentor.Id, mentorId = mentor.Id, content = "Hi", scheduledAt = TestData.NextYearAt(16), rating = 5 }, Cancel);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _), problem.ToString());
    }
}

public sealed class RetriedWriteOnPostgres(PostgresServer server) : RetriedWriteTests(server);

public sealed class RetriedWriteOnSqlite(SqliteFiles server) : RetriedWriteTests(server);
