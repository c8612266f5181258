using System.Net;
using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Sessions;

/// <summary>A meeting link ends up in calendar files and emails: one absolute http(s) URL on one line, nothing else.</summary>
public abstract class MeetingLinkTests(SharedApp shared) : SharedAppTest(shared)
{
    private const string Injection = "https://m.example/x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Pay deposit\r\nURL:https://evil.example";

    public static TheoryData<string> BadLinks =>
    [
        Injection,
        "https://m.example/x\nSUMMARY:Pay deposit",
        "https://m.example/\0x",
        "https://m.example/\u0085x",
        "https://m.example/\u2028x",
        "https://m.example/\tx",
        "ftp://m.example/x",
        "javascript:alert(1)",
        "/relative/link",
        "m.example/x",
        "https://m.example/" + new string('x', 483),
    ];

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task An_accept_with_a_bad_meeting_link_is_a_field_error_and_changes_nothing(string link)
    {
        var (mentor, session) = await PendingSessionAsync();
        var app = App;

        var response = await ActAsync(await SignInAsync(app, mentor), session.Id, "accept", new { meetingLink = link });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("meetingLink", out _), problem.ToString());
        Assert.Equal(SessionStatus.Pending, await Database.StoredStatusAsync(session.Id));
    }

    [Fact]
    public async Task A_link_of_500_characters_is_accepted()
    {
        var (mentor, session) = await PendingSessionAsync();
        var app = App;
        var link = "https://m.example/" + new string('x', 482);

        var response = await ActAsync(await SignInAsync(app, mentor), session.Id, "accept", new { meetingLink = link });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(link, (await response.JsonAsync()).GetProperty("meetingLink").GetString());
    }

    [Fact]
    public async Task A_link_stored_before_links_were_checked_adds_no_event_to_the_calendar_file()
    {
        var (mentor, session) = await PendingSessionAsync();
        await using (var db = Database.NewContext())
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Status, SessionStatus.Accepted).SetProperty(s => s.MeetingLink, Injection), TestContext.Current.CancellationToken);
        }

        var app = App;
        var calendar = await (await SignInAsync(app, mentor)).GetStringAsync($"/api/v1/sessions/{session.Id}/calendar.ics");

        Assert.Single(Regex.Matches(calendar, "^BEGIN:VEVENT", RegexOptions.Multiline));
        Assert.DoesNotContain("evil.example", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain("Pay deposit", calendar, StringComparison.Ordinal);
    }

    private async Task<(User Mentor, Session Session)> PendingSessionAsync()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        return (mentor, await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10)));
    }
}

public sealed class MeetingLinkOnPostgres(SharedApp<PostgresServer> shared) : MeetingLinkTests(shared), IClassFixture<SharedApp<PostgresServer>>;

public sealed class MeetingLinkOnSqlite(SharedApp<SqliteFiles> shared) : MeetingLinkTests(shared), IClassFixture<SharedApp<SqliteFiles>>;
