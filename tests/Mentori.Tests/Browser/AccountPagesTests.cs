using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>A visitor becomes a member, and a member who forgot the password gets back in, through the browser and the emails alone.</summary>
public abstract class AccountPagesTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task A_visitor_finds_a_mentor_signs_up_confirms_the_email_and_lands_back_on_that_mentor()
    {
        var grace = TestData.NewMentor("Grace", "Hopper", expertise: ["Compilers"], timezone: "Europe/Berlin",
            availability: new() { ["monday"] = ["09:00-10:00"], ["thursday"] = ["09:00-10:00"] });
        await Database.SeedAsync(grace, TestData.NewMentor("Ada", "Lovelace", expertise: ["Compilers"]));
        var page = await NewPageAsync(timezone: "America/New_York");
        var email = NewEmail();

        await OpenAsync(page, "/mentors?expertise=Compilers&day=monday");
        await Expect(page.Locator("#results-heading")).ToHaveTextAsync("1 mentor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Grace Hopper" }).ClickAsync();
        await Expect(page.GetByText("Times are in America/New_York; Grace is in Europe/Berlin.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up to request a session" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join Mentori");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("First name").FillAsync("Katherine");
        await page.GetByLabel("Last name").FillAsync("Johnson");
        await page.GetByLabel("Email").FillAsync(email);
        var password = page.GetByLabel("Password", new() { Exact = true });
        await password.PressSequentiallyAsync("orbit");
        await Expect(page.Locator("#password-rules li.met")).ToHaveTextAsync(["A lower-case letter"]);
        await password.PressSequentiallyAsync("Path1962");
        await Expect(page.Locator("#password-rules li.met")).ToHaveCountAsync(4);
        await ScreenshotAsync(page, "sign-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");

        var link = (await App.WaitForEmailAsync(email, "Confirm your email")).LinkTo("/verify-email");
        await OpenAsync(page, link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/mentors/{grace.Id}$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await using var db = Database.NewContext();
        var user = await db.Users.Include(u => u.Profile).SingleAsync(u => u.Email == email, TestContext.Current.CancellationToken);
        Assert.True(user.IsVerified);
        Assert.Equal((UserRole.Mentee, "Katherine"), (user.Role, user.Profile!.FirstName));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_sign_up_the_service_refuses_keeps_what_was_typed_and_says_why_by_each_field()
    {
        var taken = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await NewPageAsync(width: 375);
        await OpenAsync(page, "/sign-up?role=mentor");
        await Expect(page.GetByLabel("mentor others")).ToBeCheckedAsync();

        await page.GetByLabel("First name").FillAsync("Dorothy");
        await page.GetByLabel("Last name").FillAsync("Vaughan");
        await page.GetByLabel("Email").FillAsync(taken.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        var passwordField = page.GetByLabel("Password", new() { Exact = true });
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Password must be at least 8 characters.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync(); // what a screen reader reads first after the page comes back
        await Expect(passwordField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("First name")).ToHaveValueAsync("Dorothy");
        await Expect(page.GetByLabel("mentor others")).ToBeCheckedAsync();
        await Expect(passwordField).ToHaveValueAsync("");
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);

        await passwordField.FillAsync("Calculat0rs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already");
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_through_the_emailed_link_and_the_new_one_signs_in()
    {
        var user = await Database.SeedUserAsync(UserRole.Mentor);
        var page = await NewPageAsync(width: 375);
        await OpenAsync(page, "/sign-in");
        await AssertNoHorizontalScrollAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Forgot your password?"); // both pages have an Email field
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"If an account uses {user.Email}");
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page); // the address, however long, wraps

        var link = (await App.WaitForEmailAsync(user.Email, "Reset your Mentori password")).LinkTo("/reset-password");
        await OpenAsync(page, link);
        await AssertNoHorizontalScrollAsync(page);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Sunrise-2027");
        await page.GetByLabel("The new password again").FillAsync("Sunrise-2028");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Expect(page.GetByLabel("The new password again")).ToHaveAccessibleDescriptionAsync("The two passwords differ.");

        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Sunrise-2027");
        await page.GetByLabel("The new password again").FillAsync("Sunrise-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password is changed. Sign in with the new one.");
        await SignInOnPageAsync(page, user.Email, "Sunrise-2027");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // The link worked once.
        await OpenAsync(page, link);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Sunrise-2029");
        await page.GetByLabel("The new password again").FillAsync("Sunrise-2029");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The token is not valid: it may have expired or been used already.");
        await Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Ask for a new link" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_page_for_members_leads_a_visitor_to_sign_in_and_back()
    {
        var user = await Database.SeedUserAsync(UserRole.Mentee, verified: false);
        var page = await NewPageAsync();

        await page.GotoAsync("/sign-up/check-email");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Fsign-up%2Fcheck-email$"));
        await Expect(page.GetByText("You need to sign in to go on")).ToBeVisibleAsync();
        await SignInOnPageAsync(page, user.Email, Password);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await page.GetByRole(AriaRole.Button, new() { Name = "send it again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("We sent a new link. The earlier one no longer works.");
        await App.WaitForEmailAsync(user.Email, "Confirm your email");
    }
}

public sealed class AccountPagesOnSqlite(SqliteFiles server, Chromium chromium) : AccountPagesTests(server, chromium);
