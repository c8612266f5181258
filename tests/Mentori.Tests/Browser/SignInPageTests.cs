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

        await SignInOnPageAsync(page, mentee.Email, "Wrong-passw0rd");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is incorrect.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
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
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "mentori.auth");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeEmptyAsync();
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
        await OpenAsync(page, "/sign-in?returnUrl=%2F%2Fevil.example%2F");
        await SignInOnPageAsync(page, deactivated.Email, Password);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This account has been deactivated by an administrator.");

        await SignInOnPageAsync(page, active.Email, Password);
        await Expect(page).ToHaveURLAsync(BaseAddress.ToString());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_sign_out_posted_without_the_pages_token_is_refused_and_the_user_stays_signed_in()
    {
        var user = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await NewPageAsync();
        await OpenAsync(page, "/sign-in");
        await SignInOnPageAsync(page, user.Email, Password);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // What another page of the same site could send with the browser's cookies: the form without its token.
        var forged = await page.APIRequest.PostAsync("/sign-out", new() { Form = page.APIRequest.CreateFormData() });

        Assert.Equal(400, forged.Status);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_page_and_the_api_share_one_budget_of_sign_in_attempts_per_address()
    {
        Setting("RateLimiting:Enabled", "true");
        Setting("RateLimiting:SignInPerIp:PermitLimit", "2");
        Setting("RateLimiting:SignInPerIp:Window", "01:00:00");
        var user = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await NewPageAsync();
        await OpenAsync(page, "/sign-in");
        await OpenAsync(page, "/sign-in"); // showing the page is not an attempt
        var api = App.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await LoginAsync(api, user.Email, "Wrong-passw0rd")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await LoginAsync(api, user.Email, "Wrong-passw0rd")).StatusCode);

        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(Password);
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), response => response.Request.Method == "POST");

        Assert.Equal(429, refused.Status);
        await Expect(page.Locator("body")).ToContainTextAsync("Too many tries from your network.");
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
