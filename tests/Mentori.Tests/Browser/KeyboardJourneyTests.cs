using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>
/// A visitor who uses no mouse: from the directory to a mentor and on to signing up by keys alone, the focus always
/// visible and moving in reading order.
/// </summary>
public abstract class KeyboardJourneyTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    private static readonly Dictionary<string, List<string>> Mondays = new() { ["monday"] = ["09:00-12:00"] };

    [Fact]
    public async Task A_visitor_searches_opens_a_mentor_and_signs_up_by_keyboard_alone()
    {
        await Database.SeedAsync(
            TestData.NewMentor("Grace", "Hopper", expertise: ["Compilers"], availability: Mondays),
            TestData.NewMentor("Alan", "Turing", expertise: ["Leadership"], availability: Mondays));
        var page = await NewPageAsync(width: 375);
        await OpenAsync(page, "/mentors");

        // The page opens on its heading (the skip link and the navigation are behind it), so the search comes next.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();
        Assert.Equal(["Words", "Add a topic", "At least this many years of experience", "Hourly rate up to", "Available on", "Sort by", "Search"],
            await TabAsync(page, 7));
        await TabAsync(page, 5, backwards: true);
        await page.Keyboard.TypeAsync("compilers");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("expertise=compilers"));
        await Expect(page.Locator("#results-heading")).ToHaveTextAsync("1 mentor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();

        // The results come back with the heading focused again: the form as before (with the chosen topic's remove
        // link beside it), then the one result.
        Assert.Equal(
            ["Words", "Remove the topic compilers", "Add a topic", "At least this many years of experience", "Hourly rate up to", "Available on", "Sort by", "Search", "Clear all filters", "Grace Hopper"],
            await TabAsync(page, 10));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Grace Hopper");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "mentor-375");

        // The mentor's topics come before the way to book; the visitor signs up to request a session.
        Assert.Equal(["Compilers", "Sign up to request a session"], await TabAsync(page, 2));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join Mentori");

        // One stop for the pair of role buttons (the arrows choose between them), then the fields in order.
        Assert.Equal(["Sign in", "find a mentor", "First name", "Last name", "Email", "Password"], await TabAsync(page, 6));
        await TabAsync(page, 4, backwards: true);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByLabel("mentor others")).ToBeCheckedAsync();
        foreach (var value in new[] { "Ada", "Keys", "ada.keys@example.com", "Keyboard-2027" })
        {
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(value);
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await App.WaitForEmailAsync("ada.keys@example.com", "Confirm your email");
        AssertNoPageErrors();
    }
}

public sealed class KeyboardJourneyOnSqlite(SqliteFiles server, Chromium chromium) : KeyboardJourneyTests(server, chromium);
