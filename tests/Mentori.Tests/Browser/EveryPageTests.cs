using System.Globalization;
using Mentori.Data.Entities;
using Microsoft.Playwright;

namespace Mentori.Tests.Browser;

/// <summary>
/// Every page of the web UI, as a visitor, a mentee, a mentor and an admin see it, on a phone (375 px) and a wide screen
/// (1 440 px): it opens, passes axe with nothing serious, raises no script error or policy violation, never scrolls
/// sideways, and cuts nothing off. The layout does not depend on the database, so SQLite alone.
/// </summary>
public sealed class EveryPageOnSqlite(SqliteFiles server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Theory]
    [InlineData(375)]
    [InlineData(1440)]
    public async Task Every_page_fits_the_screen_and_passes_axe_for_each_kind_of_member(int width)
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync(SessionStatus.Accepted);
        await using (var db = Database.NewContext())
        {
            db.Messages.Add(new Message { SenderId = mentee.Id, ReceiverId = mentor.Id, SessionId = session.Id, Content = "See you on Thursday, with the draft." });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(10).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var visitor = await NewPageAsync(width);
        foreach (var path in new[] { "/", "/mentors", $"/mentors/{mentor.Id}", "/sign-in", "/sign-up", "/sign-up/check-email", "/forgot-password", "/not-allowed" })
        {
            await CheckAsync(visitor, path);
        }

        await CheckAsync(visitor, "/no-such-page", status: 404);

        var menteePage = await SignedInPageAsync(mentee, width: width);
        foreach (var path in new[]
        {
            "/", "/mentors/recommended", $"/mentors/{mentor.Id}", $"/mentors/{mentor.Id}/book?start={Uri.EscapeDataString(start)}", "/sessions",
            $"/sessions/{session.Id}", "/messages", $"/messages/{mentor.Id}", "/profile", "/account", "/settings/notifications",
        })
        {
            await CheckAsync(menteePage, path);
        }

        var mentorPage = await SignedInPageAsync(mentor, width: width);
        foreach (var path in new[] { "/sessions", $"/sessions/{session.Id}", "/messages", $"/messages/{mentee.Id}", "/profile", "/account" })
        {
            await CheckAsync(mentorPage, path);
        }

        var adminPage = await SignedInPageAsync(await Database.SeedUserAsync(UserRole.Admin), width: width);
        foreach (var path in new[] { "/admin/users", $"/admin/users/{mentor.Id}", $"/admin/users/{mentee.Id}?confirm=deactivate", "/admin/stats", "/admin/emails", "/admin/audit" })
        {
            await CheckAsync(adminPage, path);
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task Back_forward_a_reload_and_opening_the_address_directly_show_the_same_page()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Accepted);
        var page = await SignedInPageAsync(mentee);
        await OpenAsync(page, "/");
        var shown = new List<(string Url, string Heading)> { await ShownAsync(page) };
        foreach (var link in new[] { "Find a mentor", "Test Mentor", "My sessions" })
        {
            var (url, heading) = shown[^1];
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).First.ClickAsync();
            await Assertions.Expect(page).Not.ToHaveURLAsync(url); // enhanced navigation: the address changes first,
            await Assertions.Expect(page.Locator("h1")).Not.ToHaveTextAsync(heading); // then the page
            shown.Add(await ShownAsync(page));
        }

        await page.GoBackAsync();
        await ExpectShownAsync(page, shown[2]);
        await page.GoBackAsync();
        await ExpectShownAsync(page, shown[1]);
        await page.GoForwardAsync();
        await ExpectShownAsync(page, shown[2]);
        await page.ReloadAsync();
        await ExpectShownAsync(page, shown[2]);

        var direct = await SignedInPageAsync(mentee);
        foreach (var step in shown)
        {
            await OpenAsync(direct, new Uri(step.Url).PathAndQuery);
            await ExpectShownAsync(direct, step);
        }

        AssertNoPageErrors();
    }

    private static async Task<(string Url, string Heading)> ShownAsync(IPage page) => (page.Url, await page.Locator("h1").InnerTextAsync());

    private static async Task ExpectShownAsync(IPage page, (string Url, string Heading) expected)
    {
        await Assertions.Expect(page).ToHaveURLAsync(expected.Url);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(expected.Heading);
    }

    private async Task CheckAsync(IPage page, string path, int status = 200)
    {
        await OpenAsync(page, path, status); // axe, and no page error
        await AssertNoHorizontalScrollAsync(page);
        await AssertNothingCutOffAsync(page);
    }
}
