using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Mentori.Server.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>
/// A mentee and a mentor, each in a browser of their own, through a session's whole life: the request, the answer,
/// the meeting, the completion and the ratings, with nothing but the pages.
/// </summary>
public abstract class SessionJourneyTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    private static readonly Dictionary<string, List<string>> EveryDay = Enum.GetNames<DayOfWeek>()
        .ToDictionary(day => day.ToLowerInvariant(), _ => new List<string> { "00:00-23:30" });

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_mentee_books_the_mentor_accepts_and_after_the_session_both_rate_it()
    {
        UseClock(_clock);
        // Around the clock, so that the first free time takes the 90 minutes asked at any hour the test runs.
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: TestData.AllWeek(), timezone: "America/New_York");
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var menteePage = await SignedInPageAsync(mentee, timezone: "Europe/Berlin");
        var mentorPage = await SignedInPageAsync(mentor);
        await OpenListeningAsync(mentorPage, "/sessions");
        await StayingAsync(mentorPage);
        var waiting = mentorPage.GetByRole(AriaRole.Region, new() { Name = "Requests waiting for your answer" });
        await Expect(waiting).ToContainTextAsync("No requests wait for you.");

        // The mentee picks the first free time on the mentor's page and asks for 90 minutes.
        await OpenAsync(menteePage, $"/mentors/{mentor.Id}");
        await menteePage.Locator("a.slot").First.ClickAsync();
        await Expect(menteePage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Request a session with Test Mentor");
        await Expect(menteePage.Locator("#scheduledAt")).ToContainTextAsync("(Europe/Berlin)");
        await Expect(menteePage.GetByText("(America/New_York)")).ToBeVisibleAsync(); // the mentor's zone beside mine
        await AssertAccessibleAsync(menteePage);
        await menteePage.GetByLabel("Length").SelectOptionAsync("90");
        var notes = menteePage.GetByLabel("Notes for Test (optional)");
        await notes.FillAsync("How to review pull requests kindly.");
        await Expect(notes).ToHaveAccessibleDescriptionAsync(new Regex("35 of 5000 characters"));
        await menteePage.GetByRole(AriaRole.Button, new() { Name = "Review the request" }).ClickAsync();

        await Expect(menteePage.GetByRole(AriaRole.Heading, new() { Name = "Check your request" })).ToBeVisibleAsync();
        await Expect(menteePage.Locator(".facts").Last).ToContainTextAsync("1 h 30 min");
        await Expect(menteePage.Locator(".facts").Last).ToContainTextAsync("How to review pull requests kindly.");
        await AssertAccessibleAsync(menteePage);
        await ScreenshotAsync(menteePage, "booking");

        // The request is held on its way: the form says it is busy, and a second click sends nothing more.
        var onItsWay = new TaskCompletionSource();
        var posts = 0;
        await menteePage.RouteAsync(new Regex("/book"), async route =>
        {
            if (route.Request.Method == "POST")
            {
                Interlocked.Increment(ref posts);
                await onItsWay.Task;
            }

            await route.ContinueAsync();
        });
        var send = menteePage.GetByRole(AriaRole.Button, new() { Name = "Send the request" });
        await send.ClickAsync();
        await Expect(send).ToHaveAttributeAsync("data-busy", "");
        await Expect(menteePage.Locator("form[aria-busy=true]")).ToHaveCountAsync(1);
        await send.ClickAsync();
        onItsWay.SetResult();

        await Expect(menteePage).ToHaveURLAsync(new Regex("/sessions/[0-9a-f-]{36}$"));
        Assert.Equal(1, posts);
        await menteePage.UnrouteAllAsync();
        await Expect(menteePage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your request is sent. The mentor has it by email and will accept or decline it.");
        await Expect(menteePage.Locator(".badge")).ToHaveTextAsync("Waiting for an answer");
        var sessionPath = new Uri(menteePage.Url).AbsolutePath;

        // The mentor's open list shows it among the requests waiting for an answer, without a reload, and says so;
        // the mentor accepts it with a meeting link.
        await Expect(waiting.GetByRole(AriaRole.Link, new() { Name = "Test Mentee" })).ToBeVisibleAsync();
        await Expect(mentorPage.Locator("[aria-live=polite]", new() { HasText = "A new session request arrived" })).ToHaveCountAsync(1);
        await AssertStayedAsync(mentorPage);
        await waiting.GetByRole(AriaRole.Link, new() { Name = "Test Mentee" }).ClickAsync();
        await Expect(mentorPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Session with Test Mentee");
        await Expect(mentorPage.GetByText("How to review pull requests kindly.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(mentorPage);
        await mentorPage.GetByLabel("Meeting link (optional)").FillAsync("https://meet.example/review-kindly");
        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Expect(mentorPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Accepted. Test Mentee has it by email, with the calendar file.");
        await Expect(mentorPage.Locator(".badge")).ToHaveTextAsync("Accepted");
        await Expect(mentorPage.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true })).ToHaveCountAsync(0);

        // The mentee sees it upcoming, with the link and the calendar file.
        await OpenAsync(menteePage, "/sessions");
        await Expect(menteePage.GetByRole(AriaRole.Region, new() { Name = "Upcoming" }).GetByRole(AriaRole.Link, new() { Name = "Test Mentor" })).ToBeVisibleAsync();
        await ScreenshotAsync(menteePage, "my-sessions");
        await OpenAsync(menteePage, sessionPath);
        await Expect(menteePage.GetByRole(AriaRole.Link, new() { Name = "https://meet.example/review-kindly" })).ToBeVisibleAsync();
        var download = await menteePage.RunAndWaitForDownloadAsync(() => menteePage.GetByRole(AriaRole.Link, new() { Name = "Download the calendar file" }).ClickAsync());
        Assert.Contains("BEGIN:VEVENT", await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken));
        await ScreenshotAsync(menteePage, "session");

        // The time passes; the mentor completes the session with notes, and each side rates the other.
        _clock.AdjustTime(_clock.GetUtcNow().AddDays(2));
        await OpenAsync(mentorPage, sessionPath);
        await mentorPage.GetByLabel("Your notes (optional; the mentee can read them)").FillAsync("Practise the three questions.");
        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Mark as completed" }).ClickAsync();
        await Expect(mentorPage.Locator(".badge")).ToHaveTextAsync("Completed");
        await mentorPage.GetByLabel("4").CheckAsync();
        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Send the rating" }).ClickAsync();
        await Expect(mentorPage.GetByText("You rated this session 4 out of 5.")).ToBeVisibleAsync();

        await OpenAsync(menteePage, sessionPath);
        await Expect(menteePage.GetByText("Practise the three questions.")).ToBeVisibleAsync();
        await menteePage.GetByRole(AriaRole.Button, new() { Name = "Send the rating" }).ClickAsync();
        await Expect(menteePage.GetByRole(AriaRole.Alert)).ToContainTextAsync("This field is required."); // no score chosen
        await menteePage.GetByLabel("5").CheckAsync();
        await menteePage.GetByLabel("Feedback (optional; shown on the mentor's page)").FillAsync("Clear, kind and practical.");
        await menteePage.GetByRole(AriaRole.Button, new() { Name = "Send the rating" }).ClickAsync();
        await Expect(menteePage.GetByText("You rated this session 5 out of 5.")).ToBeVisibleAsync();

        await OpenAsync(menteePage, $"/mentors/{mentor.Id}");
        await Expect(menteePage.GetByRole(AriaRole.Region, new() { Name = "What mentees say" })).ToContainTextAsync("Clear, kind and practical.");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_cancelled_session_asks_first_and_then_shows_as_cancelled_for_both()
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync(SessionStatus.Accepted);
        var menteePage = await SignedInPageAsync(mentee, width: 375);
        await OpenAsync(menteePage, $"/sessions/{session.Id}");

        await menteePage.GetByRole(AriaRole.Link, new() { Name = "Cancel the session…" }).ClickAsync();
        await Expect(menteePage.GetByText("This cannot be undone.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(menteePage);
        await AssertNoHorizontalScrollAsync(menteePage);
        await menteePage.GetByLabel("Why (optional; they read it)").FillAsync("I changed jobs.");
        await menteePage.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await Expect(menteePage.Locator(".badge")).ToHaveTextAsync("Cancelled");
        await Expect(menteePage.GetByRole(AriaRole.Status)).ToContainTextAsync("The session is cancelled.");

        var mentorPage = await SignedInPageAsync(mentor);
        await OpenAsync(mentorPage, $"/sessions/{session.Id}");
        await Expect(mentorPage.Locator(".badge")).ToHaveTextAsync("Cancelled");
        await Expect(mentorPage.GetByText("I changed jobs.")).ToBeVisibleAsync();
        await OpenAsync(mentorPage, "/sessions");
        await Expect(mentorPage.GetByRole(AriaRole.Region, new() { Name = "Past and closed" }).Locator(".badge")).ToHaveTextAsync("Cancelled");
        AssertNoPageErrors();
    }

    [Theory]
    [InlineData("9999-12-31T23:30:00Z")]
    [InlineData("2001-01-01T10:00:00Z")]
    [InlineData("next-tuesday")]
    public async Task A_booking_address_with_a_time_that_cannot_be_booked_says_so(string start)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: EveryDay);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await SignedInPageAsync(mentee, width: 375);

        await OpenAsync(page, $"/mentors/{mentor.Id}/book?start={Uri.EscapeDataString(start)}", status: 400);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That time cannot be booked");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Test's page" })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
    }

    [Fact]
    public async Task A_mentor_accepting_a_request_withdrawn_meanwhile_is_told_so_and_sees_it_as_it_is_now()
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync();
        var mentorPage = await SignedInPageAsync(mentor);
        await OpenAsync(mentorPage, $"/sessions/{session.Id}");
        await Expect(mentorPage.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true })).ToBeVisibleAsync();

        var menteePage = await SignedInPageAsync(mentee);
        await OpenAsync(menteePage, $"/sessions/{session.Id}");
        await menteePage.GetByRole(AriaRole.Link, new() { Name = "Withdraw the request…" }).ClickAsync();
        await menteePage.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw it" }).ClickAsync();
        await Expect(menteePage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your request is withdrawn.");

        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Expect(mentorPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("The session is cancelled; it cannot be changed with accept.");
        await Expect(mentorPage.Locator(".badge")).ToHaveTextAsync("Cancelled");
        await AssertAccessibleAsync(mentorPage);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_review_sent_again_after_a_lost_answer_books_one_session()
    {
        UseClock(_clock); // still, so the first free time cannot come within the hour of answering meanwhile
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: EveryDay);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await SignedInPageAsync(mentee);
        await OpenAsync(page, $"/mentors/{mentor.Id}");
        await page.Locator("a.slot").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review the request" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your request" })).ToBeVisibleAsync();

        // What a browser does when the first answer never arrived and the form is sent again: the same fields twice.
        var landedOn = await page.EvaluateAsync<string[]>("""
            async () => {
                const send = document.querySelector('button[value=send]');
                const landed = [];
                for (let i = 0; i < 2; i++) {
                    const response = await fetch(location.href, { method: 'POST', body: new FormData(send.form, send) });
                    landed.push(new URL(response.url).pathname);
                }
                return landed;
            }
            """);

        await using var db = Database.NewContext();
        var session = await db.Sessions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal([$"/sessions/{session.Id}", $"/sessions/{session.Id}"], landedOn);
        Assert.Equal(1, await db.EmailOutbox.CountAsync(e => e.Recipient == mentor.Email, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_mentees_asking_for_one_time_end_with_one_accepted_and_the_other_told_clearly()
    {
        UseClock(_clock); // still, so both take the same first free time
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: EveryDay);
        var ada = await Database.SeedUserAsync(UserRole.Mentee, firstName: "Ada");
        var bea = await Database.SeedUserAsync(UserRole.Mentee, firstName: "Bea");
        var mentorPage = await SignedInPageAsync(mentor);
        await OpenListeningAsync(mentorPage, "/sessions");

        // Each in a browser of their own takes the mentor's first free time up to the review step, and both send at once.
        var pages = new[] { await SignedInPageAsync(ada), await SignedInPageAsync(bea) };
        foreach (var page in pages)
        {
            await OpenAsync(page, $"/mentors/{mentor.Id}");
            await page.Locator("a.slot").First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Review the request" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your request" })).ToBeVisibleAsync();
        }

        Assert.Equal(new Uri(pages[0].Url).Query, new Uri(pages[1].Url).Query);
        await Task.WhenAll(pages.Select(page => page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync()));
        foreach (var page in pages)
        {
            await Expect(page.Locator(".badge")).ToHaveTextAsync("Waiting for an answer"); // asking is allowed to both
        }

        // Bea watches her sessions; the mentor, whose list shows both requests as they came, accepts Ada's.
        var beaPage = pages[1];
        await OpenListeningAsync(beaPage, "/sessions");
        var waiting = mentorPage.GetByRole(AriaRole.Region, new() { Name = "Requests waiting for your answer" });
        await Expect(waiting.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await waiting.GetByRole(AriaRole.Link, new() { Name = "Ada Mentee" }).ClickAsync();
        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Expect(mentorPage.Locator(".badge")).ToHaveTextAsync("Accepted");

        // Bea's request cannot be accepted now, and the mentor is told why; declined, it shows so on Bea's open list.
        await mentorPage.GetByRole(AriaRole.Link, new() { Name = "My sessions", Exact = true }).ClickAsync();
        await waiting.GetByRole(AriaRole.Link, new() { Name = "Bea Mentee" }).ClickAsync();
        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Expect(mentorPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("You already have an accepted session that overlaps this one.");
        await Expect(mentorPage.Locator(".badge")).ToHaveTextAsync("Waiting for an answer");
        await AssertAccessibleAsync(mentorPage);
        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Decline", Exact = true }).ClickAsync();
        await Expect(mentorPage.Locator(".badge")).ToHaveTextAsync("Declined");

        var past = beaPage.GetByRole(AriaRole.Region, new() { Name = "Past and closed" });
        await Expect(past.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Test Mentor" })).ToContainTextAsync("Declined");
        await Expect(beaPage.Locator("[aria-live=polite]", new() { HasText = "A session request was declined" })).ToHaveCountAsync(1);
        await using var db = Database.NewContext();
        var outcome = await db.Sessions.Where(s => s.MentorId == mentor.Id).OrderBy(s => s.MenteeId == ada.Id ? 0 : 1).Select(s => s.Status)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([SessionStatus.Accepted, SessionStatus.Declined], outcome);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_mentee_whose_time_was_taken_meanwhile_is_told_why_and_keeps_the_form()
    {
        UseClock(_clock); // still, so the first free time cannot pass while the test fills in the form
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: EveryDay);
        var first = await Database.SeedUserAsync(UserRole.Mentee);
        var second = await Database.SeedUserAsync(UserRole.Mentee);
        var secondPage = await SignedInPageAsync(second);
        await OpenAsync(secondPage, $"/mentors/{mentor.Id}");
        await secondPage.Locator("a.slot").First.ClickAsync();
        await Expect(secondPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Request a session with Test Mentor");
        var start = DateTime.Parse(new Uri(secondPage.Url).Query.Split("start=")[1].Replace("%3A", ":"), null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        // Meanwhile the first mentee's request for that time is accepted.
        await Database.SeedSessionAsync(mentor, first, start, SessionStatus.Accepted);
        await secondPage.GetByLabel("Notes for Test (optional)").FillAsync("Career change.");
        await secondPage.GetByRole(AriaRole.Button, new() { Name = "Review the request" }).ClickAsync();
        await secondPage.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();

        await Expect(secondPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("The mentor already has an accepted session at that time.");
        await Expect(secondPage.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await Expect(secondPage.GetByLabel("Notes for Test (optional)")).ToHaveValueAsync("Career change.");
        await using var db = Database.NewContext();
        Assert.False(await db.Sessions.AnyAsync(s => s.MenteeId == second.Id, TestContext.Current.CancellationToken));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_request_left_unanswered_says_by_when_and_then_shows_both_sides_it_expired()
    {
        UseClock(_clock);
        Setting("Sessions:RequestTtl", "00:05:00");
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: EveryDay);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var session = await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        var menteePage = await SignedInPageAsync(mentee, width: 375);
        var mentorPage = await SignedInPageAsync(mentor);

        await OpenAsync(menteePage, $"/sessions/{session.Id}");
        await Expect(menteePage.Locator(".facts")).ToContainTextAsync("Answer by");
        await Expect(menteePage.Locator(".facts")).ToContainTextAsync("or Mentori declines the request");
        await OpenAsync(mentorPage, $"/sessions/{session.Id}");
        await Expect(mentorPage.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToBeVisibleAsync();
        await ScreenshotAsync(mentorPage, "session-answer-by");
        await ScreenshotAsync(menteePage, "session-answer-by-375");

        _clock.Advance(TimeSpan.FromMinutes(5) + RequestExpiry.Interval); // the background sweep runs by this clock
        await WaitUntilAsync(async () => await Database.StoredStatusAsync(session.Id) == SessionStatus.Declined);

        await OpenAsync(menteePage, $"/sessions/{session.Id}");
        await Expect(menteePage.Locator(".facts")).ToContainTextAsync("Expired unanswered");
        await Expect(menteePage.GetByText(RequestExpiry.NotesLine)).ToBeVisibleAsync();
        await Expect(menteePage.GetByRole(AriaRole.Link, new() { Name = "Withdraw the request…" })).ToHaveCountAsync(0);
        await AssertNothingCutOffAsync(menteePage);
        await ScreenshotAsync(menteePage, "session-expired-375");
        await OpenAsync(mentorPage, $"/sessions/{session.Id}");
        await Expect(mentorPage.Locator(".facts")).ToContainTextAsync("Expired unanswered");
        await Expect(mentorPage.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }
}

public sealed class SessionJourneyOnSqlite(SqliteFiles server, Chromium chromium) : SessionJourneyTests(server, chromium);

public sealed class SessionJourneyOnPostgres(PostgresServer server, Chromium chromium) : SessionJourneyTests(server, chromium);
