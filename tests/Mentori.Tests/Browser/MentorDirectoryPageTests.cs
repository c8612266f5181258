using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>The directory as a visitor uses it: filters kept in the address, Back and reload, pages, and errors by the fields.</summary>
public abstract class MentorDirectoryPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    private static readonly Dictionary<string, List<string>> Mondays = new() { ["monday"] = ["09:00-12:00"] };
    private static readonly Dictionary<string, List<string>> Tuesdays = new() { ["tuesday"] = ["09:00-12:00"] };

    [Fact]
    public async Task A_visitor_narrows_by_topic_and_day_and_the_address_keeps_the_search_for_Back_and_reload()
    {
        await Database.SeedAsync(
            TestData.NewMentor("Grace", "Hopper", expertise: ["Compilers", "Leadership"], availability: Mondays),
            TestData.NewMentor("Ada", "Lovelace", expertise: ["Compilers"], availability: Tuesdays),
            TestData.NewMentor("Alan", "Turing", expertise: ["Leadership"], availability: Mondays));
        var page = await NewPageAsync();
        await OpenAsync(page, "/mentors");
        await Expect(Results(page)).ToHaveTextAsync("3 mentors");

        await page.GetByLabel("Add a topic").FillAsync("compilers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("expertise=compilers"));
        await Expect(Results(page)).ToHaveTextAsync("2 mentors");
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], await NamesInAnyOrderAsync(page));

        await page.GetByLabel("Available on").SelectOptionAsync("monday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("day=monday"));
        await Expect(Results(page)).ToHaveTextAsync("1 mentor");
        await Expect(Names(page)).ToHaveTextAsync(["Grace Hopper"]);
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Chosen topics" })).ToContainTextAsync("compilers");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "directory");

        await page.ReloadAsync();
        await Expect(Results(page)).ToHaveTextAsync("1 mentor");
        await page.GoBackAsync();
        await Expect(Results(page)).ToHaveTextAsync("2 mentors");
        await page.GoForwardAsync();
        await Expect(Results(page)).ToHaveTextAsync("1 mentor");

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove the topic compilers" }).ClickAsync();
        await Expect(Results(page)).ToHaveTextAsync("2 mentors");
        Assert.Equal(["Alan Turing", "Grace Hopper"], await NamesInAnyOrderAsync(page));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task More_mentors_leads_page_by_page_through_every_result_once()
    {
        var mentors = Enumerable.Range(1, 23).Select(i => TestData.NewMentor($"Mentor{i:00}", "Example", years: i)).ToArray();
        await Database.SeedAsync(mentors);
        var page = await NewPageAsync();
        await OpenAsync(page, "/mentors?sort=experience");

        await Expect(Names(page)).ToHaveCountAsync(20);
        var first = await Names(page).AllInnerTextsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "More mentors" }).ClickAsync();
        await Expect(Names(page)).ToHaveCountAsync(3);
        var second = await Names(page).AllInnerTextsAsync();

        Assert.Equal(mentors.OrderByDescending(m => m.Profile!.YearsExperience).Select(m => $"{m.Profile!.FirstName} Example"), first.Concat(second));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "More mentors" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
        await Expect(Names(page)).ToHaveCountAsync(20);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_value_the_directory_cannot_use_is_named_by_its_field_and_announced()
    {
        var page = await NewPageAsync();

        await OpenAsync(page, "/mentors?minYears=many&maxRate=-5");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Years of experience are a whole number.");
        var years = page.GetByLabel("At least this many years of experience");
        await Expect(years).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(years).ToHaveAccessibleDescriptionAsync("Years of experience are a whole number.");
        await Expect(years).ToHaveValueAsync(""); // "many" cannot be shown in a number field; the message says what was wrong
        await Expect(page.GetByLabel("Hourly rate up to")).ToHaveAccessibleDescriptionAsync(new Regex("^The rate is between 0 and "));
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await Expect(page.GetByText("No mentor matches")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task With_no_match_the_page_says_so_and_offers_the_way_back()
    {
        await Database.SeedAsync(TestData.NewMentor("Grace", "Hopper", expertise: ["Compilers"]));
        var page = await NewPageAsync(width: 375);

        await OpenAsync(page, "/mentors?expertise=Knitting");

        await Expect(Results(page)).ToHaveTextAsync("0 mentors");
        await Expect(page.GetByText("No mentor matches all of these filters.")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "see every mentor" }).ClickAsync();
        await Expect(Results(page)).ToHaveTextAsync("1 mentor");
    }

    private static ILocator Results(IPage page) => page.Locator("#results-heading");

    private static ILocator Names(IPage page) => page.Locator(".mentor-card h3");

    /// <summary>The names shown, sorted: mentors without ratings tie, and a tie's order is not the point here.</summary>
    private static async Task<List<string>> NamesInAnyOrderAsync(IPage page) => [.. (await Names(page).AllInnerTextsAsync()).Order(StringComparer.Ordinal)];
}

public sealed class MentorDirectoryPageOnSqlite(SqliteFiles server, Chromium chromium) : MentorDirectoryPageTests(server, chromium);
