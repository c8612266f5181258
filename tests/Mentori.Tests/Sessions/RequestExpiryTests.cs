using System.Net;
using Mentori.Data.Entities;
using Mentori.Server.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Sessions;

/// <summary>
/// Issue 16: a request the mentor does not answer by its deadline (48 hours after it was made, or one hour before its
/// start, whichever comes first) is declined by Mentori with <c>declineReason: "expired"</c>, and from the deadline on
/// it is treated as pending by nothing. The clock is a fake one whose timers never fire, so the background sweep runs
/// only when a test calls it: what holds "before any background work has run" is seen as it is.
/// </summary>
public abstract class RequestExpiryTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_unanswered_for_48_hours_is_declined_as_expired_and_both_sides_are_told()
    {
        var (mentor, mentee) = await SeedPairAsync();
        await using var app = App();
        var menteeClient = await SignInAsync(app, mentee);
        var mentorClient = await SignInAsync(app, mentor);
        var start = WholeHour(_clock.Now.AddDays(5));
        var id = await RequestedAsync(menteeClient, mentor, start);

        _clock.Advance(TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await ExpireDueAsync(app));
        Assert.Equal("pending", Status(await GetOkAsync(menteeClient, $"/api/v1/sessions/{id}")));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await ActAsync(mentorClient, id, "accept"); // before the sweep: already no longer pending
        Assert.Equal(1, await ExpireDueAsync(app));
        Assert.Equal(0, await ExpireDueAsync(app));
        var afterTheSweep = await ActAsync(mentorClient, id, "accept");

        Assert.EndsWith(":request-expired", (await AssertProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.EndsWith(":request-expired", (await AssertProblemAsync(afterTheSweep, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        var session = await GetOkAsync(menteeClient, $"/api/v1/sessions/{id}");
        Assert.Equal(("declined", "expired"), (Status(session), session.GetProperty("declineReason").GetString()));
        Assert.Equal(RequestExpiry.NotesLine, session.GetProperty("notes").GetString());
        Assert.Contains("expired", (await app.WaitForEmailAsync(mentee.Email, "did not answer your session request")).TextBody);
        Assert.Contains("48 hours", (await app.WaitForEmailAsync(mentor.Email, "expired")).TextBody);
    }

    [Fact]
    public async Task A_request_for_a_near_start_expires_an_hour_before_it_and_starts_nearer_than_that_are_refused()
    {
        var (mentor, mentee) = await SeedPairAsync();
        await using var app = App();
        var menteeClient = await SignInAsync(app, mentee);
        var mentorClient = await SignInAsync(app, mentor);
        var start = WholeHour(_clock.Now.AddHours(5));
        var id = await RequestedAsync(menteeClient, mentor, start);
        var tooNear = await RequestAsync(menteeClient, mentor.Id, WholeHour(_clock.Now.AddHours(1)));

        _clock.Advance(start - TimeSpan.FromHours(1) - _clock.Now.UtcDateTime - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await ExpireDueAsync(app));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await ActAsync(menteeClient, id, "cancel"); // a withdrawal after the deadline: nothing pending to withdraw
        Assert.Equal(1, await ExpireDueAsync(app));

        var problem = await AssertProblemAsync(tooNear, HttpStatusCode.BadRequest);
        Assert.Contains("at least one hour from now", problem.GetProperty("errors").GetProperty("scheduledAt")[0].GetString());
        Assert.EndsWith(":request-expired", (await AssertProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        var session = await GetOkAsync(mentorClient, $"/api/v1/sessions/{id}");
        Assert.Equal(("declined", "expired"), (Status(session), session.GetProperty("declineReason").GetString()));
    }

    [Fact]
    public async Task Free_slots_begin_an_answer_margin_from_now_and_the_margin_and_the_ttl_are_settings()
    {
        var (mentor, mentee) = await SeedPairAsync();
        await using var app = App().WithSetting("Sessions:RequestTtl", "00:00:30").WithSetting("Sessions:AnswerBeforeStart", "03:00:00");
        var menteeClient = await SignInAsync(app, mentee);
        var id = await RequestedAsync(menteeClient, mentor, WholeHour(_clock.Now.AddDays(1)));
        var asked = _clock.Now.UtcDateTime;
        var slots = await GetOkAsync(menteeClient, $"/api/v1/mentors/{mentor.Id}/slots");

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await ExpireDueAsync(app));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await ExpireDueAsync(app));

        var first = slots.GetProperty("items")[0].GetProperty("start").GetDateTime().ToUniversalTime();
        Assert.True(first > asked.AddHours(3), $"{first:O} is within three hours of {asked:O}");
        Assert.True(first <= asked.AddHours(3).AddMinutes(30), $"{first:O} is not the first slot three hours after {asked:O}");
        Assert.Equal("expired", (await GetOkAsync(menteeClient, $"/api/v1/sessions/{id}")).GetProperty("declineReason").GetString());
        Assert.Contains("30 seconds", (await app.WaitForEmailAsync(mentor.Email, "expired")).TextBody);
    }

    [Fact]
    public async Task A_request_past_its_deadline_frees_the_mentee_to_book_that_time_again_before_the_sweep()
    {
        var (mentor, mentee) = await SeedPairAsync();
        await using var app = App();
        var menteeClient = await SignInAsync(app, mentee);
        var start = WholeHour(_clock.Now.AddDays(5));
        await RequestedAsync(menteeClient, mentor, start);
        var twice = await RequestAsync(menteeClient, mentor.Id, start);

        _clock.Advance(TimeSpan.FromHours(48));
        var again = await RequestAsync(menteeClient, mentor.Id, start);

        await AssertProblemAsync(twice, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(1, await ExpireDueAsync(app));
        Assert.Equal("pending", Status(await again.JsonAsync()));
    }

    [Fact]
    public async Task The_mentees_email_names_mentors_of_the_same_topics_who_are_free_at_that_time()
    {
        var mentor = await SeedMentorAsync("Ada", ["Go", "Rust"], TestData.AllWeek());
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var free = await SeedMentorAsync("Barbara", ["go", "Kotlin"], TestData.AllWeek());
        var busy = await SeedMentorAsync("Claude", ["Go"], TestData.AllWeek());
        await SeedMentorAsync("Donald", ["Go"], new() { ["monday"] = ["00:00-00:30"] });
        await SeedMentorAsync("Edsger", ["Python"], TestData.AllWeek());
        await using var app = App();
        var start = WholeHour(_clock.Now.AddDays(5));
        await Database.SeedAsync(TestData.NewSession(busy, await Database.SeedUserAsync(UserRole.Mentee), start.AddMinutes(-30), SessionStatus.Accepted));
        await RequestedAsync(await SignInAsync(app, mentee), mentor, start);

        _clock.Advance(TimeSpan.FromHours(48));
        Assert.Equal(1, await ExpireDueAsync(app));

        var email = (await app.WaitForEmailAsync(mentee.Email, "did not answer your session request")).TextBody;
        Assert.Contains($"/mentors/{free.Id}", email);
        Assert.Contains("Barbara", email);
        Assert.DoesNotContain("Claude", email); // an accepted session overlaps the time
        Assert.DoesNotContain("Donald", email); // not available then
        Assert.DoesNotContain("Edsger", email); // other topics
        Assert.DoesNotContain($"/mentors/{mentor.Id}", email);
    }

    /// <summary>
    /// The accept runs by a clock a second before the deadline and the sweep, on another instance, by one a second
    /// after it, so both are entitled to the request at once: in each of 32 rounds exactly one of them changes it.
    /// (The accepting side's clock is the real time: tokens are checked against that.)
    /// </summary>
    [Fact]
    public async Task An_accept_racing_the_expiry_has_exactly_one_winner_in_each_of_32_rounds()
    {
        var mentor = await SeedMentorAsync("Ada", ["Go"], TestData.AllWeek());
        var accepting = new ManualClock(DateTimeOffset.UtcNow);
        var expiring = new ManualClock(accepting.Now + TimeSpan.FromSeconds(2));
        var made = accepting.Now.UtcDateTime - TimeSpan.FromHours(48) + TimeSpan.FromSeconds(1);
        await using var acceptor = new MentoriApp(Database).WithClock(accepting);
        await using var sweeper = new MentoriApp(Database).WithClock(expiring);
        var mentorClient = await SignInAsync(acceptor, mentor);
        var outcomes = new List<(HttpStatusCode Accept, int Expired, SessionStatus Stored)>();

        for (var round = 0; round < 32; round++)
        {
            var session = TestData.NewSession(mentor, await Database.SeedUserAsync(UserRole.Mentee), WholeHour(accepting.Now.AddDays(5)).AddHours(round));
            await Database.SeedAsync(session);
            await using (var seeding = Database.NewContext())
            {
                // Past the stamping of created_at on save, which takes the test context's clock.
                await seeding.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(set => set.SetProperty(s => s.CreatedAt, made), Ct);
            }

            var accept = Task.Run(() => ActAsync(mentorClient, session.Id, "accept"), Ct);
            var expire = Task.Run(() => ExpireDueAsync(sweeper), Ct);
            await Task.WhenAll(accept, expire);

            outcomes.Add(((await accept).StatusCode, await expire, await Database.StoredStatusAsync(session.Id)));
        }

        // The sweeper's own first pass at its start may take a request too; the test's pass then finds none.
        Assert.All(outcomes, outcome => Assert.True(
            outcome is (HttpStatusCode.OK, 0, SessionStatus.Accepted) or (HttpStatusCode.Conflict, 0 or 1, SessionStatus.Declined), outcome.ToString()));
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.Status == SessionStatus.Pending, Ct));
        Assert.Equal(outcomes.Count(o => o.Stored == SessionStatus.Declined),
            await db.Sessions.CountAsync(s => s.DeclineReason == DeclineReason.Expired, Ct));
    }

    [Fact]
    public async Task The_background_service_declines_a_lapsed_request_on_its_own()
    {
        var (mentor, mentee) = await SeedPairAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new MentoriApp(Database).WithClock(clock).WithSetting("Sessions:RequestTtl", "00:01:00");
        app.StartServer();
        var id = await RequestedAsync(await SignInAsync(app, mentee), mentor, WholeHour(clock.GetUtcNow().UtcDateTime.AddDays(5)));

        clock.Advance(TimeSpan.FromMinutes(1) + RequestExpiry.Interval); // (a small step: the fake clock runs every tick of every service)

        await app.WaitForEmailAsync(mentee.Email, "did not answer your session request");
        Assert.Equal(SessionStatus.Declined, await Database.StoredStatusAsync(id));
    }

    [Fact]
    public async Task The_database_holds_that_a_declined_session_and_no_other_says_why()
    {
        var (mentor, mentee) = await SeedPairAsync();
        var declined = TestData.NewSession(mentor, mentee, TestData.NextYearAt(10), SessionStatus.Declined);
        declined.DeclineReason = null;
        var pending = TestData.NewSession(mentor, mentee, TestData.NextYearAt(12));
        pending.DeclineReason = DeclineReason.Expired;
        var open = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(14));

        await Assert.ThrowsAsync<DbUpdateException>(() => Database.SeedAsync(declined));
        await Assert.ThrowsAsync<DbUpdateException>(() => Database.SeedAsync(pending));
        await using var db = Database.NewContext();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Sessions.Where(s => s.Id == open.Id).ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SessionStatus.Declined), Ct));
        Assert.Equal(1, await db.Sessions.Where(s => s.Id == open.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SessionStatus.Declined).SetProperty(s => s.DeclineReason, DeclineReason.Mentor), Ct));
    }

    [Fact]
    public async Task A_mentor_is_reminded_once_of_a_request_unanswered_for_24_hours_and_not_of_one_answered_or_expired_first()
    {
        var (mentor, mentee) = await SeedPairAsync();
        await using var app = App();
        var menteeClient = await SignInAsync(app, mentee);
        var waiting = await RequestedAsync(menteeClient, mentor, WholeHour(_clock.Now.AddDays(5)));
        await RequestedAsync(menteeClient, mentor, WholeHour(_clock.Now.AddHours(20))); // its deadline, an hour before its start, comes first
        var answered = await RequestedAsync(menteeClient, mentor, WholeHour(_clock.Now.AddDays(6)));
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(await SignInAsync(app, mentor), answered, "decline")).StatusCode);

        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await RemindAsync(app));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RemindAsync(app));
        Assert.Equal(0, await RemindAsync(app));

        var reminder = await app.WaitForEmailAsync(mentor.Email, "is waiting for your answer");
        Assert.Contains($"/sessions/{waiting}", reminder.TextBody);
        Assert.Contains("24 hours ago", reminder.TextBody);
        Assert.Single(Outbox.Read(app), email => (email.Subject ?? "").Contains("is waiting for your answer", StringComparison.Ordinal));
    }

    private MentoriApp App() => new MentoriApp(Database).WithClock(_clock);

    private static Task<int> RemindAsync(MentoriApp app) => app.Services.GetRequiredService<RequestReminders>().SendDueAsync(TestContext.Current.CancellationToken);

    private static Task<int> ExpireDueAsync(MentoriApp app) => app.Services.GetRequiredService<RequestExpiry>().ExpireDueAsync(TestContext.Current.CancellationToken);

    private async Task<(User Mentor, User Mentee)> SeedPairAsync() =>
        (await SeedMentorAsync("Ada", ["Go"], TestData.AllWeek()), await Database.SeedUserAsync(UserRole.Mentee));

    private async Task<User> SeedMentorAsync(string firstName, string[] expertise, Dictionary<string, List<string>> availability)
    {
        var mentor = TestData.NewMentor(firstName: firstName, expertise: expertise, availability: availability, timezone: "UTC");
        mentor.PasswordHash = BCrypt.Net.BCrypt.HashPassword(Api.Password, 4);
        await Database.SeedAsync(mentor);
        return mentor;
    }

    private static async Task<Guid> RequestedAsync(HttpClient mentee, User mentor, DateTime start)
    {
        var response = await RequestAsync(mentee, mentor.Id, start);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static DateTime WholeHour(DateTimeOffset time) => WholeHour(time.UtcDateTime);

    private static DateTime WholeHour(DateTime time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc);
}

public sealed class RequestExpiryOnPostgres(PostgresServer server) : RequestExpiryTests(server);

public sealed class RequestExpiryOnSqlite(SqliteFiles server) : RequestExpiryTests(server);
