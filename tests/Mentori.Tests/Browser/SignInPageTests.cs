using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>Signing in and out in the browser, with the same rules and messages as the API.</summary>
public abstract class SignInPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task A_wrong_password_is_said_plainly_and_the_right_one_signs_in_and_returns_to_where_the_visitor_was()
    {
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await NewPageAsync();
        await OpenAsync(page, "/sign-in?returnUrl=%2Fmentors%3Fday%3Dmonday");

        await page.GetByLabel("Email").FillAsync(mentee.Email);
        await page.GetByLabel("Password").FillAsync("Wrong-passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is incorrect.");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(mentee.Email);
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mentors\\?day=monday$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        Assert.Contains(await page.Context.CookiesAsync(), cookie => cookie.Name == "mentori.auth" && cookie.HttpOnly);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(BaseAddress.ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "mentori.auth");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_deactivated_user_is_told_why_and_a_return_address_elsewhere_leads_home()
    {
        var active = await Database.SeedUserAsync(UserRole.Mentor);
        var deactivated = await Database.SeedUserAsync(UserRole.Mentee);
        await using (var db = Database.NewContext())
        {
            (await db.Users.FindAsync([deactivated.Id], TestContext.Current.CancellationToken))!.IsActive = false;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await NewPageAsync();
        await OpenAsync(page, "/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");
        await page.GetByLabel("Email").FillAsync(deactivated.Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This account has been deactivated by an administrator.");

        await page.GetByLabel("Email").FillAsync(active.Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(BaseAddress.ToString());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_address_that_is_not_an_email_is_named_by_its_field()
    {
        var page = await NewPageAsync();
        await OpenAsync(page, "/sign-in");

        await page.GetByLabel("Email").FillAsync("not-an-email");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Email").EvaluateAsync("field => field.type = 'text'"); // past the browser's own check, as a script would post
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var email = page.GetByLabel("Email");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveAccessibleDescriptionAsync("Email is not a valid address.");
        await AssertAccessibleAsync(page);
    }
}

public sealed class SignInPageOnSqlite(SqliteFiles server, Chromium chromium) : SignInPageTests(server, chromium);

public sealed class SignInPageOnPostgres(PostgresServer server, Chromium chromium) : SignInPageTests(server, chromium);
