using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Sessions;

/// <summary>Decision 5, through the API: each transition for the right person only; everything else 409 (or 403/404).</summary>
public abstract class SessionTransitionTests(SharedApp shared) : SharedAppTest(shared)
{
    [Fact]
    public async Task The_mentor_accepts_with_a_link_and_the_mentee_gets_it_with_a_calendar_file()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var app = App;

        var response = await ActAsync(await SignInAsync(app, mentor), session.Id, "accept", new { meetingLink = "https://meet.example.com/abc" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = await response.JsonAsync();
        Assert.Equal("accepted", Status(accepted));
        Assert.Equal("https://meet.example.com/abc", accepted.GetProperty("meetingLink").GetString());
        var email = await app.WaitForEmailAsync(mentee.Email, "accepted your session");
        Assert.Contains("https://meet.example.com/abc", email.TextBody);
        var calendar = Assert.Single(email.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("text/calendar", calendar.ContentType.MimeType);
        using var content = new MemoryStream();
        await calendar.Content!.DecodeToAsync(content, TestContext.Current.CancellationToken);
        Assert.Contains($"UID:{session.Id}@mentori", System.Text.Encoding.UTF8.GetString(content.ToArray()));
    }

    [Fact]
    public async Task A_meeting_link_must_be_a_web_address()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var app = App;

        var response = await ActAsync(await SignInAsync(app, mentor), session.Id, "accept", new { meetingLink = "javascript:alert(1)" });

        Assert.True((await AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("meetingLink", out _));
        Assert.Equal(SessionStatus.Pending, await Database.StoredStatusAsync(session.Id));
    }

    [Fact]
    public async Task Declining_and_cancelling_keep_the_reason_in_the_notes_and_tell_the_other_side()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var pending = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var accepted = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(14), SessionStatus.Accepted);
        var app = App;
        var mentorClient = await SignInAsync(app, mentor);

        await mentorClient.PatchAsJsonAsync($"/api/v1/sessions/{pending.Id}/notes", new { notes = "Agenda" });
        var declined = await (await ActAsync(mentorClient, pending.Id, "decline", new { reason = "Travelling" })).JsonAsync();
        var cancelled = await (await ActAsync(mentorClient, accepted.Id, "cancel", new { reason = "Ill" })).JsonAsync();

        Assert.Equal("declined", Status(declined));
        Assert.Equal("Agenda\nDeclined by the mentor: Travelling", declined.GetProperty("notes").GetString());
        Assert.Equal("cancelled", Status(cancelled));
        Assert.Contains("Ill", (await app.WaitForEmailAsync(mentee.Email, "cancelled your session")).TextBody);
        Assert.Contains("Travelling", (await app.WaitForEmailAsync(mentee.Email, "declined your session request")).TextBody);
    }

    [Fact]
    public async Task A_mentee_withdraws_a_pending_request_and_cancels_an_accepted_session()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var pending = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var accepted = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(14), SessionStatus.Accepted);
        var app = App;
        var client = await SignInAsync(app, mentee);

        Assert.Equal("cancelled", Status(await (await ActAsync(client, pending.Id, "cancel")).JsonAsync()));
        Assert.Equal("cancelled", Status(await (await ActAsync(client, accepted.Id, "cancel")).JsonAsync()));
        await app.WaitForEmailAsync(mentor.Email, "cancelled your session", count: 2);
    }

    [Theory]
    [InlineData(SessionStatus.Pending, "mentor", "cancel")]
    [InlineData(SessionStatus.Pending, "mentor", "complete")]
    [InlineData(SessionStatus.Accepted, "mentor", "accept")]
    [InlineData(SessionStatus.Accepted, "mentor", "decline")]
    [InlineData(SessionStatus.Declined, "mentor", "accept")]
    [InlineData(SessionStatus.Declined, "mentor", "cancel")]
    [InlineData(SessionStatus.Declined, "mentee", "cancel")]
    [InlineData(SessionStatus.Cancelled, "mentor", "accept")]
    [InlineData(SessionStatus.Cancelled, "mentee", "cancel")]
    [InlineData(SessionStatus.Cancelled, "mentor", "complete")]
    [InlineData(SessionStatus.Completed, "mentor", "cancel")]
    [InlineData(SessionStatus.Completed, "mentee", "cancel")]
    [InlineData(SessionStatus.Completed, "mentor", "complete")]
    [InlineData(SessionStatus.Completed, "mentor", "decline")]
    public async Task Every_other_transition_is_a_conflict_and_changes_nothing(SessionStatus status, string actor, string action)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10), status);
        var app = App;

        var response = await ActAsync(await SignInAsync(app, actor == "mentor" ? mentor : mentee), session.Id, action);

        Assert.EndsWith(":invalid-transition", (await AssertProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal(status, await Database.StoredStatusAsync(session.Id));
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    [InlineData("complete")]
    public async Task A_mentee_cannot_make_the_mentors_moves(string action)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var app = App;

        var response = await ActAsync(await SignInAsync(app, mentee), session.Id, action);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(SessionStatus.Pending, await Database.StoredStatusAsync(session.Id));
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    [InlineData("cancel")]
    [InlineData("complete")]
    public async Task Strangers_and_admins_who_take_no_part_get_404(string action)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var strangerMentor = await Database.SeedUserAsync(UserRole.Mentor);
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var app = App;

        foreach (var user in new[] { strangerMentor, admin })
        {
            await AssertProblemAsync(await ActAsync(await SignInAsync(app, user), session.Id, action), HttpStatusCode.NotFound);
        }

        await AssertProblemAsync(await ActAsync(await SignInAsync(app, mentor), Guid.NewGuid(), action), HttpStatusCode.NotFound);
        Assert.Equal(SessionStatus.Pending, await Database.StoredStatusAsync(session.Id));
    }

    [Fact]
    public async Task An_unverified_mentor_cannot_accept()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, verified: false);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var app = App;

        var response = await ActAsync(await SignInAsync(app, mentor), session.Id, "accept");

        Assert.EndsWith(":email-not-verified", (await AssertProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_session_is_completed_only_once_it_has_started_and_a_passed_request_can_no_longer_be_accepted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var start = clock.GetUtcNow().UtcDateTime.AddHours(2);
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var accepted = await Database.SeedSessionAsync(mentor, mentee, start, SessionStatus.Accepted);
        var pending = await Database.SeedSessionAsync(mentor, mentee, start.AddHours(1));
        await using var app = new MentoriApp(Database).WithClock(clock);
        var client = await SignInAsync(app, mentor);

        var early = await ActAsync(client, accepted.Id, "complete", new { mentorNotes = "Great" });
        clock.Advance(TimeSpan.FromHours(3).Add(TimeSpan.FromMinutes(1)));
        var late = await ActAsync(client, pending.Id, "accept");
        var completed = await ActAsync(client, accepted.Id, "complete", new { mentorNotes = "Great" });

        await AssertProblemAsync(early, HttpStatusCode.Conflict);
        Assert.EndsWith(":request-expired", (await AssertProblemAsync(late, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("Great", (await completed.JsonAsync()).GetProperty("mentorNotes").GetString());
    }

    [Fact]
    public async Task Accepting_a_request_that_overlaps_an_accepted_session_is_a_conflict()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var other = await Database.SeedUserAsync(UserRole.Mentee);
        await Database.SeedSessionAsync(mentor, other, TestData.NextYearAt(10), SessionStatus.Accepted);
        var overlapping = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10, 30));
        var app = App;

        var response = await ActAsync(await SignInAsync(app, mentor), overlapping.Id, "accept");

        Assert.EndsWith(":session-overlap", (await AssertProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal(SessionStatus.Pending, await Database.StoredStatusAsync(overlapping.Id));
    }

    [Fact]
    public async Task Each_side_writes_its_own_notes_and_the_shared_ones()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var app = App;
        var menteeClient = await SignInAsync(app, mentee);
        var mentorClient = await SignInAsync(app, mentor);

        var byMentee = await menteeClient.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}/notes", new { notes = "Agenda", menteeNotes = "My goals" });
        var byMentor = await mentorClient.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}/notes", new { mentorNotes = "Prep" });
        var wrongSide = await menteeClient.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}/notes", new { mentorNotes = "Sneaky" });
        var cleared = await mentorClient.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}/notes", new { notes = "" });

        Assert.Equal("My goals", (await byMentee.JsonAsync()).GetProperty("menteeNotes").GetString());
        Assert.Equal("Agenda", (await byMentor.JsonAsync()).GetProperty("notes").GetString());
        Assert.True((await AssertProblemAsync(wrongSide, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("mentorNotes", out _));
        var final = await cleared.JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, final.GetProperty("notes").ValueKind);
        Assert.Equal("Prep", final.GetProperty("mentorNotes").GetString());
    }

    [Fact]
    public async Task An_accepted_session_downloads_as_an_icalendar_event()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var start = TestData.NextYearAt(10);
        var accepted = await Database.SeedSessionAsync(mentor, mentee, start, SessionStatus.Accepted, duration: 90);
        var pending = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(14));
        var app = App;
        var client = await SignInAsync(app, mentee);

        var response = await client.GetAsync($"/api/v1/sessions/{accepted.Id}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VEVENT", ics);
        Assert.Contains($"DTSTART:{start:yyyyMMdd'T'HHmmss}Z", ics);
        Assert.Contains($"DTEND:{start.AddMinutes(90):yyyyMMdd'T'HHmmss}Z", ics);
        await AssertProblemAsync(await client.GetAsync($"/api/v1/sessions/{pending.Id}/calendar.ics"), HttpStatusCode.Conflict);
        var stranger = await SignInAsync(app, await Database.SeedUserAsync(UserRole.Mentee));
        await AssertProblemAsync(await stranger.GetAsync($"/api/v1/sessions/{accepted.Id}/calendar.ics"), HttpStatusCode.NotFound);
    }
}

public sealed class SessionTransitionOnPostgres(SharedApp<PostgresServer> shared) : SessionTransitionTests(shared), IClassFixture<SharedApp<PostgresServer>>;

public sealed class SessionTransitionOnSqlite(SharedApp<SqliteFiles> shared) : SessionTransitionTests(shared), IClassFixture<SharedApp<SqliteFiles>>;
