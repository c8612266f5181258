using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>One mentor's page: who they are, what mentees said, and their free times in the visitor's own zone.</summary>
public abstract class MentorPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task The_free_times_are_shown_in_the_browsers_zone_with_both_zones_named()
    {
        var everyDay = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.ToDictionary(day => day, _ => new List<string> { "09:00-10:00" });
        var grace = TestData.NewMentor("Grace", "Hopper", expertise: ["Compilers"], years: 30, bio: "Rear admiral.\nI wrote the first compiler.",
            timezone: "Europe/Berlin", availability: everyDay);
        await Database.SeedAsync(grace);
        var page = await NewPageAsync(timezone: "America/Sao_Paulo"); // not the suite's own zone (Asia/Tokyo), so the server cannot pass by using its own

        // The first page learns the browser's zone and shows itself once more in it.
        await page.GotoAsync($"/mentors/{grace.Id}");
        await Expect(page.GetByText("Times are in America/Sao_Paulo; Grace is in Europe/Berlin.")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => !!window.Blazor");
        await AssertAccessibleAsync(page);

        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var saoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
        var firstSlot = page.Locator(".slot").First;
        var start = DateTime.Parse((await firstSlot.GetAttributeAsync("href"))!.Split("start=")[1].Replace("%3A", ":", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(new TimeSpan(9, 0, 0), TimeZoneInfo.ConvertTimeFromUtc(start, berlin).TimeOfDay);
        var local = TimeZoneInfo.ConvertTimeFromUtc(start, saoPaulo);
        await Expect(firstSlot).ToHaveAccessibleNameAsync(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Request {local:HH:mm}–{local.AddHours(1):HH:mm} on {local:dddd d MMMM}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Grace Hopper");
        await Expect(page.Locator(".bio")).ToHaveTextAsync("Rear admiral.\nI wrote the first compiler.");
        await ScreenshotAsync(page, "mentor");
    }

    [Fact]
    public async Task A_signed_in_member_reads_the_times_in_the_zone_of_their_profile_not_the_browsers()
    {
        var grace = TestData.NewMentor("Grace", "Hopper", timezone: "Europe/Berlin", availability: new() { ["friday"] = ["09:00-10:00"] });
        await Database.SeedAsync(grace);
        var member = await Database.SeedUserAsync(UserRole.Mentee);
        await using (var db = Database.NewContext())
        {
            (await db.Profiles.SingleAsync(p => p.UserId == member.Id, TestContext.Current.CancellationToken)).Timezone = "Asia/Kathmandu";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await NewPageAsync(timezone: "America/Sao_Paulo");
        await OpenAsync(page, $"/sign-in?returnUrl=%2Fmentors%2F{grace.Id}");
        await SignInOnPageAsync(page, member.Email, Password);

        await Expect(page.GetByText("Times are in Asia/Kathmandu; Grace is in Europe/Berlin.")).ToBeVisibleAsync();
        var kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");
        var firstSlot = page.Locator(".slot").First;
        var start = DateTime.Parse((await firstSlot.GetAttributeAsync("href"))!.Split("start=")[1].Replace("%3A", ":", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        await Expect(firstSlot).ToContainTextAsync(TimeZoneInfo.ConvertTimeFromUtc(start, kathmandu).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Ratings_show_their_feedback_newest_first_five_to_a_page()
    {
        var grace = TestData.NewMentor("Grace", "Hopper");
        await Database.SeedAsync(grace);
        await Database.SeedRatingsAsync(grace, 5, 4, 5, 3, 5, 4, 5);
        var page = await NewPageAsync(width: 375);

        await OpenAsync(page, $"/mentors/{grace.Id}");
        await AssertNoHorizontalScrollAsync(page);
        await Expect(page.Locator(".mentor-header")).ToContainTextAsync("★ 4.4 (7 ratings)");
        await Expect(page.Locator(".ratings > li")).ToHaveCountAsync(5);
        await page.GetByRole(AriaRole.Link, new() { Name = "Older ratings" }).ClickAsync();

        await Expect(page.Locator(".ratings > li")).ToHaveCountAsync(2);
        await Expect(page.GetByText("Free times in the next two weeks")).ToBeVisibleAsync();
        await Expect(page.GetByText("Grace has no free time in the next two weeks.")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task How_a_mentor_answers_requests_shows_on_the_directorys_card_and_the_mentors_page()
    {
        var grace = TestData.NewMentor("Grace", "Hopper");
        var alan = TestData.NewMentor("Alan", "Turing");
        await Database.SeedAsync(grace, alan);
        await using (var db = Database.NewContext())
        {
            await db.ResponseSummaries.Where(s => s.UserId == grace.Id).ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Received, 12).SetProperty(s => s.Answered, 11)
                .SetProperty(s => s.ResponseRate, 11 / 12.0).SetProperty(s => s.MedianResponseMinutes, 150), TestContext.Current.CancellationToken);
        }

        var page = await NewPageAsync(width: 375);
        await OpenAsync(page, "/mentors");
        await page.GetByLabel("Sort by").SelectOptionAsync("responsive");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=responsive"));
        var cards = page.Locator(".mentor-card");
        await Expect(cards.First).ToContainTextAsync("Usually answers within 3 hours (92% of requests)");
        await Expect(cards.Nth(1)).ToContainTextAsync("Alan Turing"); // no figures yet: after those with figures
        await Expect(cards.Nth(1)).Not.ToContainTextAsync("answers");
        await AssertNoHorizontalScrollAsync(page);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "directory-responsive-375");

        await cards.First.GetByRole(AriaRole.Link, new() { Name = "Grace Hopper" }).ClickAsync();
        await Expect(page.Locator(".mentor-header")).ToContainTextAsync("Usually answers within 3 hours (92% of requests)");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "mentor-responsive-375");

        var desktop = await NewPageAsync();
        await OpenAsync(desktop, "/mentors?sort=responsive");
        await Expect(desktop.Locator(".mentor-card").First).ToContainTextAsync("Usually answers within 3 hours (92% of requests)");
        await ScreenshotAsync(desktop, "directory-responsive");
        await OpenAsync(desktop, $"/mentors/{grace.Id}");
        await Expect(desktop.Locator(".mentor-header")).ToContainTextAsync("Usually answers within 3 hours (92% of requests)");
        await ScreenshotAsync(desktop, "mentor-responsive");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_mentee_or_an_unknown_id_is_the_not_found_page()
    {
        var mentee = TestData.NewUser(UserRole.Mentee);
        await Database.SeedAsync(mentee);
        var page = await NewPageAsync();

        await OpenAsync(page, $"/mentors/{mentee.Id}", status: 404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("We could not find that page");
        await OpenAsync(page, $"/mentors/{Guid.NewGuid()}", status: 404);
    }
}

public sealed class MentorPageOnSqlite(SqliteFiles server, Chromium chromium) : MentorPageTests(server, chromium);
