using System.Net;
using System.Text.Json;
using Mentori.Data.Entities;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Mentors;

/// <summary>
/// Issue 16: every mentor in the directory says how likely and how fast they answer: <c>responseRate</c> (answered ÷
/// decided requests of the last 90 days, null under three) and <c>medianResponseMinutes</c>. The requests go through the
/// API on a fake clock whose timers never fire, so the summaries are computed exactly when a test asks.
/// </summary>
public abstract class ResponseStatisticsTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_and_expiries_count_and_pending_or_withdrawn_requests_do_not()
    {
        var mentor = await SeedMentorAsync();
        await using var app = App();
        var mentee = await SignInAsync(app, await Database.SeedUserAsync(UserRole.Mentee));
        var mentorClient = await SignInAsync(app, mentor);
        var accepted = await RequestedAsync(mentee, mentor, 5);
        var declined = await RequestedAsync(mentee, mentor, 6);
        await RequestedAsync(mentee, mentor, 7); // expires
        var withdrawn = await RequestedAsync(mentee, mentor, 8);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentorClient, accepted, "accept")).StatusCode);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentorClient, declined, "decline")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentee, withdrawn, "cancel")).StatusCode);
        _clock.Advance(TimeSpan.FromHours(45));
        Assert.Equal(1, await app.Services.GetRequiredService<RequestExpiry>().ExpireDueAsync(Ct));
        await RequestedAsync(mentee, mentor, 9); // still pending
        var computed = await RefreshAsync(app);
        var again = await RefreshAsync(app);

        Assert.Equal(1, computed); // only the row the triggers marked
        Assert.Equal(0, again);
        var detail = await GetOkAsync(app.CreateClient(), $"/api/v1/mentors/{mentor.Id}");
        Assert.Equal((0.67, 120), Figures(detail)); // 2 of 3; the median of 60 and 180 minutes
        var listed = (await GetOkAsync(app.CreateClient(), "/api/v1/mentors")).GetProperty("items")[0];
        Assert.Equal(Figures(detail), Figures(listed));
    }

    [Fact]
    public async Task Under_three_decided_requests_there_are_no_figures_and_the_third_brings_them()
    {
        var mentor = await SeedMentorAsync();
        await using var app = App();
        var mentee = await SignInAsync(app, await Database.SeedUserAsync(UserRole.Mentee));
        var mentorClient = await SignInAsync(app, mentor);
        var requests = new List<Guid>();
        for (var day = 5; day < 8; day++)
        {
            requests.Add(await RequestedAsync(mentee, mentor, day));
        }

        _clock.Advance(TimeSpan.FromMinutes(10));
        await ActAsync(mentorClient, requests[0], "accept");
        await ActAsync(mentorClient, requests[1], "decline");
        await RefreshAsync(app);
        var two = await GetOkAsync(app.CreateClient(), $"/api/v1/mentors/{mentor.Id}");
        _clock.Advance(TimeSpan.FromMinutes(20));
        await ActAsync(mentorClient, requests[2], "accept");
        await RefreshAsync(app);
        var three = await GetOkAsync(app.CreateClient(), $"/api/v1/mentors/{mentor.Id}");

        Assert.Equal(JsonValueKind.Null, two.GetProperty("responseRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, two.GetProperty("medianResponseMinutes").ValueKind);
        Assert.Equal((1.0, 10), Figures(three)); // 10, 10 and 30 minutes
    }

    [Fact]
    public async Task A_request_made_90_days_ago_leaves_the_figures_without_any_new_event()
    {
        var mentor = await SeedMentorAsync();
        await using var app = App();
        var mentee = await SignInAsync(app, await Database.SeedUserAsync(UserRole.Mentee));
        var mentorClient = await SignInAsync(app, mentor);
        var early = new[] { await RequestedAsync(mentee, mentor, 5), await RequestedAsync(mentee, mentor, 6) };
        _clock.Advance(TimeSpan.FromMinutes(5));
        foreach (var id in early)
        {
            await ActAsync(mentorClient, id, "accept");
        }

        _clock.Advance(TimeSpan.FromDays(10));
        var later = new[] { await RequestedAsync(mentee, mentor, 5), await RequestedAsync(mentee, mentor, 6) };
        _clock.Advance(TimeSpan.FromMinutes(15));
        await ActAsync(mentorClient, later[0], "accept");
        await ActAsync(mentorClient, later[1], "decline");
        await RefreshAsync(app);
        var allFour = Figures(await GetOkAsync(app.CreateClient(), $"/api/v1/mentors/{mentor.Id}"));

        _clock.Advance(TimeSpan.FromDays(80) - TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(1));
        var beforeTheEdge = await RefreshAsync(app);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var atTheEdge = await RefreshAsync(app);
        var lastTwo = await GetOkAsync(app.CreateClient(), $"/api/v1/mentors/{mentor.Id}");

        Assert.Equal((1.0, 10), allFour); // 5, 5, 15 and 15 minutes: the middle two average 10
        Assert.Equal(0, beforeTheEdge);
        Assert.Equal(1, atTheEdge);
        Assert.Equal(JsonValueKind.Null, lastTwo.GetProperty("responseRate").ValueKind); // two left in the window
        await using var db = Database.NewContext();
        var summary = await db.ResponseSummaries.SingleAsync(s => s.UserId == mentor.Id, Ct);
        Assert.Equal((2, 2), (summary.Received, summary.Answered)); // a decline is an answer too
    }

    [Fact]
    public async Task The_responsive_sort_puts_the_highest_rate_first_then_the_fastest_and_pages_through_all()
    {
        var fast = await SeedMentorAsync();
        var slow = await SeedMentorAsync();
        var seldom = await SeedMentorAsync();
        var unknown = await SeedMentorAsync();
        var silent = await SeedMentorAsync();
        await SetFiguresAsync(fast, 1.0, 30);
        await SetFiguresAsync(slow, 1.0, 600);
        await SetFiguresAsync(seldom, 0.5, 5);
        await SetFiguresAsync(silent, 0.0, null);
        await using var app = App();

        var order = await AllPagesAsync(app.CreateClient(), "/api/v1/mentors?sort=responsive", 2);
        var refused = await app.CreateClient().GetAsync("/api/v1/mentors?sort=answers", Ct);

        Assert.Equal([fast.Id, slow.Id, seldom.Id, silent.Id, unknown.Id], order);
        var problem = await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("responsive", problem.GetProperty("errors").GetProperty("sort")[0].GetString());
    }

    [Fact]
    public async Task A_deleted_answered_request_marks_its_mentor_for_computing_again()
    {
        var mentor = await SeedMentorAsync();
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = TestData.NewSession(mentor, mentee, TestData.NextYearAt(10), SessionStatus.Accepted);
        session.AnsweredAt = _clock.Now.UtcDateTime;
        await Database.SeedAsync(session);
        await using var app = App();
        Assert.Equal(0, await RefreshAsync(app)); // inserted, not decided: no mark

        await using (var db = Database.NewContext())
        {
            await db.Users.Where(u => u.Id == mentee.Id).ExecuteDeleteAsync(Ct); // the session goes with the account
        }

        Assert.Equal(1, await RefreshAsync(app));
    }

    private MentoriApp App() => new MentoriApp(Database).WithClock(_clock);

    private static Task<int> RefreshAsync(MentoriApp app) => app.Services.GetRequiredService<ResponseSummaries>().RefreshDueAsync(Ct);

    private static (double? Rate, int? Minutes) Figures(JsonElement mentor) => (
        mentor.GetProperty("responseRate").ValueKind == JsonValueKind.Null ? null : mentor.GetProperty("responseRate").GetDouble(),
        mentor.GetProperty("medianResponseMinutes").ValueKind == JsonValueKind.Null ? null : mentor.GetProperty("medianResponseMinutes").GetInt32());

    private async Task SetFiguresAsync(User mentor, double rate, int? minutes)
    {
        await using var db = Database.NewContext();
        await db.ResponseSummaries.Where(s => s.UserId == mentor.Id).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.Received, 10)
            .SetProperty(s => s.Answered, (int)(rate * 10))
            .SetProperty(s => s.ResponseRate, rate)
            .SetProperty(s => s.MedianResponseMinutes, minutes), Ct);
    }

    private Task<User> SeedMentorAsync() => Database.SeedUserAsync(UserRole.Mentor, availability: TestData.AllWeek(), timezone: "UTC");

    /// <summary>A request for a whole hour <paramref name="days"/> from now.</summary>
    private async Task<Guid> RequestedAsync(HttpClient mentee, User mentor, int days)
    {
        var time = _clock.Now.UtcDateTime.AddDays(days);
        var response = await RequestAsync(mentee, mentor.Id, new DateTime(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}

public sealed class ResponseStatisticsOnPostgres(PostgresServer server) : ResponseStatisticsTests(server);

public sealed class ResponseStatisticsOnSqlite(SqliteFiles server) : ResponseStatisticsTests(server);
