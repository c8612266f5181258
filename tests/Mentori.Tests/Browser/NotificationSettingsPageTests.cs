using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>The page the emails' "turn these off" link opens: the same choices as <c>/me/notifications</c>.</summary>
public abstract class NotificationSettingsPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task A_member_turns_the_unread_message_email_off_and_it_stays_off()
    {
        var user = await Database.SeedUserAsync(UserRole.Mentor);
        var page = await NewPageAsync(width: 375);
        await page.GotoAsync("/settings/notifications");
        await SignInOnPageAsync(page, user.Email, Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Emails");
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        var unread = page.GetByLabel("An email when a message waits unread");
        await Expect(unread).ToBeCheckedAsync();

        await unread.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your email settings are saved.");
        await ScreenshotAsync(page, "settings-375");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeEmptyAsync();

        await Expect(page.GetByLabel("An email when a message waits unread")).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("A reminder the day before each session")).ToBeCheckedAsync();
        await using var db = Database.NewContext();
        var stored = await db.NotificationPreferences.SingleAsync(p => p.UserId == user.Id, TestContext.Current.CancellationToken);
        Assert.Equal((true, false), (stored.Reminders, stored.UnreadMessages));
        AssertNoPageErrors();
    }
}

public sealed class NotificationSettingsPageOnSqlite(SqliteFiles server, Chromium chromium) : NotificationSettingsPageTests(server, chromium);
