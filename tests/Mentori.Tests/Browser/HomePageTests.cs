using Mentori.Data.Entities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>The first page a visitor sees: what Mentori is, a search, and the best-rated mentors.</summary>
public abstract class HomePageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task A_visitor_sees_what_Mentori_is_and_the_top_rated_mentors_first()
    {
        var grace = TestData.NewMentor("Grace", "Hopper", expertise: ["Compilers", "Leadership"], years: 30, rate: 0);
        var ada = TestData.NewMentor("Ada", "Lovelace", expertise: ["Mathematics"], years: 12, rate: 80);
        var alan = TestData.NewMentor("Alan", "Turing", expertise: ["Cryptography"]);
        await Database.SeedAsync(grace, ada, alan);
        await Database.SeedRatingsAsync(grace, 5, 5);
        await Database.SeedRatingsAsync(ada, 4, 5);
        var page = await NewPageAsync();

        await OpenAsync(page, "/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Find a mentor who has done it before");
        await Expect(page.GetByRole(AriaRole.Search).GetByLabel("Search mentors by name, topic or words in their bio")).ToBeVisibleAsync();
        var names = page.Locator(".mentor-card h3");
        await Expect(names).ToHaveTextAsync(["Grace Hopper", "Ada Lovelace", "Alan Turing"]);
        var graceCard = page.Locator(".mentor-card").First;
        await Expect(graceCard).ToContainTextAsync("★ 5.0 (2 ratings)");
        await Expect(graceCard).ToContainTextAsync("30 years of experience");
        await Expect(graceCard).ToContainTextAsync("Free");
        await Expect(graceCard.GetByRole(AriaRole.List, new() { Name = "Expertise" }).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Compilers", "Leadership"]);
        await Expect(page.Locator(".mentor-card").Last).ToContainTextAsync("No ratings yet");
        await ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task At_375_pixels_nothing_scrolls_sideways_and_the_keyboard_reaches_everything_in_order()
    {
        await Database.SeedAsync(TestData.NewMentor("Maximiliana", "Wolkenkratzerbaumeisterin", expertise: ["Distributed systems", "Site reliability engineering"]));
        var page = await NewPageAsync(width: 375);

        await OpenAsync(page, "/");
        await AssertNoHorizontalScrollAsync(page);

        // A page opens with its heading focused, so a screen reader announces it; the search is the next stop.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Search mentors by name, topic or words in their bio")).ToBeFocusedAsync();

        // Backwards: the main navigation in order, the brand, and first of all the skip link, shown when focused.
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var name in new[] { "Sign up", "Sign in", "Find a mentor", "Mentori" })
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeFocusedAsync();
        }

        await page.Keyboard.PressAsync("Shift+Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Search mentors by name, topic or words in their bio")).ToBeFocusedAsync();
        await ScreenshotAsync(page, "home-375");
    }

    [Fact]
    public async Task An_unknown_address_shows_a_helpful_not_found_page()
    {
        var page = await NewPageAsync();

        await OpenAsync(page, "/no-such-page", status: 404);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("We could not find that page");
        await Expect(page).ToHaveTitleAsync("Page not found · Mentori");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "The home page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(BaseAddress.ToString());
    }
}

public sealed class HomePageOnSqlite(SqliteFiles server, Chromium chromium) : HomePageTests(server, chromium);
