using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>A member's own account: the password, their data, every sign-in, and leaving for good.</summary>
public abstract class AccountPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task A_member_changes_the_password_after_two_slips_and_signs_in_with_the_new_one()
    {
        var user = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await SignedInPageAsync(user, width: 375);
        await OpenAsync(page, "/account");
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, "account-375");

        await page.GetByLabel("Current password").FillAsync("Not-the-passw0rd");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Evening-2027");
        await page.GetByLabel("The new password again").FillAsync("Evening-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Expect(page.GetByLabel("Current password")).ToHaveAccessibleDescriptionAsync(new Regex("incorrect", RegexOptions.IgnoreCase));
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Evening-2027");
        await page.GetByLabel("The new password again").FillAsync("Evening-2028");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Expect(page.GetByLabel("The new password again")).ToHaveAccessibleDescriptionAsync("The two passwords differ.");

        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Evening-2027");
        await page.GetByLabel("The new password again").FillAsync("Evening-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password is changed. Sign in with the new one.");
        await SignInOnPageAsync(page, user.Email, "Evening-2027");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_browsers_sign_in_at_its_next_step()
    {
        var user = await Database.SeedUserAsync(UserRole.Mentor);
        var laptop = await SignedInPageAsync(user);
        var phone = await SignedInPageAsync(user, width: 375);

        await OpenAsync(laptop, "/account");
        var data = await laptop.RunAndWaitForDownloadAsync(() => laptop.GetByRole(AriaRole.Link, new() { Name = "Download my data" }).ClickAsync());
        Assert.Contains(user.Email, await File.ReadAllTextAsync(await data.PathAsync(), TestContext.Current.CancellationToken));
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Expect(laptop.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out on every device and browser.");
        await Expect(laptop.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await phone.GotoAsync("/sessions");
        await Expect(phone).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Fsessions$"));
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("You were signed out");
        Assert.DoesNotContain(await phone.Context.CookiesAsync(), cookie => cookie.Name == "mentori.auth"); // the ended one was dropped
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Deleting_the_account_takes_the_password_and_removes_its_sessions_and_messages_for_the_other_side_too()
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync(SessionStatus.Accepted);
        await using (var db = Database.NewContext())
        {
            db.Messages.Add(new Message { SenderId = mentee.Id, ReceiverId = mentor.Id, SessionId = session.Id, Content = "See you then." });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await SignedInPageAsync(mentee);
        await OpenAsync(page, "/account");

        await page.GetByLabel("Your password, to confirm").FillAsync("Not-the-passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await using (var db = Database.NewContext())
        {
            Assert.True(await db.Users.AnyAsync(u => u.Id == mentee.Id, TestContext.Current.CancellationToken));
        }

        await page.GetByLabel("Your password, to confirm").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your account and everything in it are deleted.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await using (var db = Database.NewContext())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Id == mentee.Id, TestContext.Current.CancellationToken));
            Assert.False(await db.Sessions.AnyAsync(s => s.Id == session.Id, TestContext.Current.CancellationToken));
            Assert.False(await db.Messages.AnyAsync(m => m.SenderId == mentee.Id, TestContext.Current.CancellationToken));
        }

        var mentorPage = await SignedInPageAsync(mentor);
        await Expect(mentorPage.GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true })).ToBeVisibleAsync(); // none unread
        await OpenAsync(mentorPage, "/sessions");
        await Expect(mentorPage.GetByText("No accepted sessions ahead.")).ToBeVisibleAsync();
        await OpenAsync(mentorPage, $"/sessions/{session.Id}", status: 404);
        await OpenAsync(mentorPage, "/messages");
        await Expect(mentorPage.GetByText("No conversations yet.")).ToBeVisibleAsync();
        await OpenAsync(mentorPage, $"/messages/{mentee.Id}", status: 404);
        AssertNoPageErrors();
    }
}

public sealed class AccountPageOnSqlite(SqliteFiles server, Chromium chromium) : AccountPageTests(server, chromium);
