using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>The admin console's users: found by email or name, narrowed by role and state, paged; for admins only.</summary>
public abstract class AdminUsersPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task An_admin_finds_users_by_name_narrows_them_by_role_and_state_and_pages_through_them()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var grace = await Database.SeedUserAsync(UserRole.Mentor, firstName: "Grace");
        var gone = await Database.SeedUserAsync(UserRole.Mentee, firstName: "Gone");
        var goneMentor = await Database.SeedUserAsync(UserRole.Mentor, firstName: "Gone");
        for (var i = 0; i < 21; i++)
        {
            await Database.SeedUserAsync(UserRole.Mentee, firstName: "Pupil");
        }

        await using (var db = Database.NewContext())
        {
            await db.Users.Where(u => u.Id == gone.Id || u.Id == goneMentor.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false), TestContext.Current.CancellationToken);
        }

        var page = await SignedInPageAsync(admin, width: 375);
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Users");
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await AssertNothingCutOffAsync(page);

        await page.GetByLabel("Email or name").FillAsync("grace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("q=grace"));
        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync(grace.Email);
        await Expect(rows).ToContainTextAsync("Mentor · Active"); // the facts a phone shows in place of the columns

        await OpenAsync(page, "/admin/users?role=mentee&state=deactivated");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Gone Mentee"); // not the deactivated mentor
        await Expect(rows).ToContainTextAsync("Mentee · Deactivated");
        await Expect(page.GetByLabel("Role")).ToHaveValueAsync("mentee");

        await OpenAsync(page, "/admin/users?q=pupil");
        await Expect(rows).ToHaveCountAsync(20);
        var first = await rows.AllInnerTextsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "More users" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        Assert.DoesNotContain(await rows.InnerTextAsync(), first);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "More users" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "admin-users-375");
        await page.SetViewportSizeAsync(1440, 900);
        await OpenAsync(page, "/admin/users?q=grace");
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Role" })).ToBeVisibleAsync();
        await Expect(rows.GetByRole(AriaRole.Cell, new() { Name = "Mentor", Exact = true })).ToBeVisibleAsync();
        await AssertNothingCutOffAsync(page);
        await ScreenshotAsync(page, "admin-users");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_gets_the_not_allowed_page_and_no_admin_link()
    {
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await SignedInPageAsync(mentee);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);

        await OpenAsync(page, "/admin/users");

        await Expect(page).ToHaveURLAsync(new Regex("/not-allowed"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This page is not for your account");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_search_it_cannot_use_is_named_by_its_field()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var page = await SignedInPageAsync(admin);

        await OpenAsync(page, "/admin/users?role=wizard");

        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Role")).ToHaveAttributeAsync("aria-invalid", "true");
        AssertNoPageErrors();
    }
}

public sealed class AdminUsersPageOnSqlite(SqliteFiles server, Chromium chromium) : AdminUsersPageTests(server, chromium);
