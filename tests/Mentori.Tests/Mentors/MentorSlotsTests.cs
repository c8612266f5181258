using System.Globalization;
using System.Net;
using System.Text.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;

namespace Mentori.Tests.Mentors;

/// <summary>
/// Free slots through the real API. Dates are chosen relative to today (the next Monday, the next change of
/// European summer time), because the app's clock is the real one: access tokens are checked against it.
/// </summary>
public abstract class MentorSlotsTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static readonly Dictionary<string, List<string>> EveryDay = new[]
        { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
        .ToDictionary(day => day, _ => new List<string> { "9:00-10:00" });

    private static async Task<HttpClient> SignedInAsync(MentoriApp app) =>
        app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentee")));

    private static string Slots(Guid mentor, DateTime from, DateTime to, string extra = "") =>
        $"/api/v1/mentors/{mentor}/slots?from={Iso(from)}&to={Iso(to)}{extra}";

    private static string Iso(DateTime time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static (DateTime Start, DateTime End)[] Items(JsonElement slots) =>
        [.. slots.GetProperty("items").EnumerateArray().Select(s => (s.GetProperty("start").GetDateTime().ToUniversalTime(), s.GetProperty("end").GetDateTime().ToUniversalTime()))];

    private static DateTime NextMondayUtc() =>
        Enumerable.Range(2, 7).Select(d => DateTime.UtcNow.Date.AddDays(d)).First(d => d.DayOfWeek == DayOfWeek.Monday);

    /// <summary>
    /// The last Sunday of March or October (when European clocks change) at least four days ahead, so that the
    /// Thursday before it, the first day the tests ask about, is wholly more than the hour a request needs ahead.
    /// </summary>
    private static DateTime NextEuropeanClockChange(int month)
    {
        for (var year = DateTime.UtcNow.Year; ; year++)
        {
            var lastDay = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
            var sunday = lastDay.AddDays(-(int)lastDay.DayOfWeek);
            if (sunday > DateTime.UtcNow.AddDays(4))
            {
                return sunday;
            }
        }
    }

    [Fact]
    public async Task Slots_follow_the_mentors_wall_clock_across_the_change_to_summer_time()
    {
        var change = NextEuropeanClockChange(3);
        var mentor = TestData.NewMentor(timezone: "Europe/Berlin", availability: EveryDay);
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);

        var slots = await GetOkAsync(await SignedInAsync(app), Slots(mentor.Id, change.AddDays(-3), change.AddDays(4)));

        // 9:00 in Berlin is 08:00Z in winter (UTC+1) and 07:00Z from the Sunday of the change (UTC+2).
        Assert.Equal("Europe/Berlin", slots.GetProperty("timezone").GetString());
        var expected = Enumerable.Range(-3, 7).Select(d => change.AddDays(d).AddHours(d < 0 ? 8 : 7)).ToArray();
        Assert.Equal(expected.Select(start => (start, start.AddHours(1))), Items(slots));
    }

    [Fact]
    public async Task Slots_follow_the_mentors_wall_clock_across_the_change_back_to_winter_time()
    {
        var change = NextEuropeanClockChange(10);
        var mentor = TestData.NewMentor(timezone: "Europe/Berlin", availability: EveryDay);
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);

        var slots = await GetOkAsync(await SignedInAsync(app), Slots(mentor.Id, change.AddDays(-3), change.AddDays(4)));

        var expected = Enumerable.Range(-3, 7).Select(d => change.AddDays(d).AddHours(d < 0 ? 7 : 8)).ToArray();
        Assert.Equal(expected.Select(start => (start, start.AddHours(1))), Items(slots));
    }

    [Fact]
    public async Task Accepted_sessions_take_their_slots_and_other_sessions_do_not()
    {
        var monday = NextMondayUtc();
        var mentor = TestData.NewMentor(availability: new() { ["monday"] = ["9:00-12:00"] });
        var mentee = TestData.NewUser(UserRole.Mentee);
        await Database.SeedAsync(mentor, mentee);
        await Database.SeedAsync(
            TestData.NewSession(mentor, mentee, monday.AddHours(10), SessionStatus.Accepted),
            TestData.NewSession(mentor, mentee, monday.AddHours(9), SessionStatus.Pending),
            TestData.NewSession(mentor, mentee, monday.AddHours(11), SessionStatus.Cancelled));
        await using var app = new MentoriApp(Database);

        var slots = await GetOkAsync(await SignedInAsync(app), Slots(mentor.Id, monday, monday.AddDays(1)));

        Assert.Equal("UTC", slots.GetProperty("timezone").GetString());
        Assert.Equal([(monday.AddHours(9), monday.AddHours(10)), (monday.AddHours(11), monday.AddHours(12))], Items(slots));
    }

    [Fact]
    public async Task Longer_sessions_get_every_start_on_the_half_hour_grid_that_fits()
    {
        var monday = NextMondayUtc();
        var mentor = TestData.NewMentor(availability: new() { ["monday"] = ["9:00-12:00"], ["tuesday"] = ["9:00-9:45"] });
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);

        var slots = await GetOkAsync(await SignedInAsync(app), Slots(mentor.Id, monday, monday.AddDays(2), "&duration=90"));

        Assert.Equal(
            new[] { 9.0, 9.5, 10.0, 10.5 }.Select(h => (monday.AddHours(h), monday.AddHours(h + 1.5))),
            Items(slots));
    }

    [Fact]
    public async Task Availability_running_past_midnight_joins_the_next_day()
    {
        var monday = NextMondayUtc();
        var mentor = TestData.NewMentor(availability: new() { ["monday"] = ["23:00-24:00"], ["tuesday"] = ["0:00-1:00"] });
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);

        var slots = await GetOkAsync(await SignedInAsync(app), Slots(mentor.Id, monday, monday.AddDays(2), "&duration=120"));

        Assert.Equal([(monday.AddHours(23), monday.AddHours(25))], Items(slots));
    }

    [Fact]
    public async Task Only_starts_far_enough_ahead_to_be_answered_are_offered_and_defaults_cover_a_week()
    {
        var allDay = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
            .ToDictionary(day => day, _ => new List<string> { "0:00-24:00" });
        var mentor = TestData.NewMentor(availability: allDay);
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);
        var before = DateTime.UtcNow;

        var items = Items(await GetOkAsync(await SignedInAsync(app), $"/api/v1/mentors/{mentor.Id}/slots"));
        var after = DateTime.UtcNow; // the server read its clock in between: a half hour may have begun meanwhile

        // A request must be answerable: Sessions:AnswerBeforeStart (one hour) before its start.
        Assert.True(items[0].Start > before.AddHours(1) && items[0].Start <= after.AddMinutes(90), items[0].Start.ToString("O"));
        Assert.All(items, slot => Assert.Equal(0, slot.Start.Minute % 30));
        Assert.True(items[^1].End <= after.AddDays(7));
        Assert.True(items[^1].End >= before.AddDays(7).AddMinutes(-61));
    }

    [Fact]
    public async Task A_mentor_without_availability_has_no_slots()
    {
        var mentor = TestData.NewMentor();
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);

        var slots = await GetOkAsync(await SignedInAsync(app), $"/api/v1/mentors/{mentor.Id}/slots");

        Assert.Empty(Items(slots));
    }

    [Theory]
    [InlineData("duration=29", "duration")]
    [InlineData("duration=181", "duration")]
    [InlineData("duration=long", "duration")]
    [InlineData("from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "to")]
    [InlineData("from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:01Z", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=9999-12-30T00:00:00Z", "from")]
    [InlineData("from=0001-01-01T01:00:00Z&to=0001-01-02T00:00:00Z", "from")]
    [InlineData("from=2030-01-01T00:00:00Z&to=9999-12-31T00:00:00Z", "to")]
    public async Task Bad_query_values_are_field_errors(string query, string field)
    {
        var mentor = TestData.NewMentor(availability: EveryDay);
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);

        var response = await (await SignedInAsync(app)).GetAsync($"/api/v1/mentors/{mentor.Id}/slots?{query}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Thirty_one_days_are_allowed()
    {
        var mentor = TestData.NewMentor(availability: EveryDay);
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);
        var from = NextMondayUtc();

        var slots = await GetOkAsync(await SignedInAsync(app), Slots(mentor.Id, from, from.AddDays(31)));

        Assert.Equal(31, Items(slots).Length);
    }

    [Fact]
    public async Task Strangers_to_the_directory_are_not_found_and_anonymous_callers_are_refused()
    {
        var mentee = TestData.NewUser(UserRole.Mentee);
        var mentor = TestData.NewMentor(availability: EveryDay);
        await Database.SeedAsync(mentee, mentor);
        await using var app = new MentoriApp(Database);
        var client = await SignedInAsync(app);

        await AssertProblemAsync(await client.GetAsync($"/api/v1/mentors/{mentee.Id}/slots"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.GetAsync($"/api/v1/mentors/{Guid.NewGuid()}/slots"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await app.CreateClient().GetAsync($"/api/v1/mentors/{mentor.Id}/slots"), HttpStatusCode.Unauthorized);
    }
}

public sealed class MentorSlotsOnPostgres(PostgresServer server) : MentorSlotsTests(server);

public sealed class MentorSlotsOnSqlite(SqliteFiles server) : MentorSlotsTests(server);
