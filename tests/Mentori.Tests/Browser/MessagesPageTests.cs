using Mentori.Data.Entities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>Messages between the two sides of a session: the conversation list with its unread counts, and a thread.</summary>
public abstract class MessagesPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task A_mentee_writes_from_the_session_and_the_mentor_finds_it_unread_reads_it_and_the_mentee_sees_it_read()
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync(SessionStatus.Accepted);
        var menteePage = await SignedInPageAsync(mentee, width: 375);
        await OpenAsync(menteePage, $"/sessions/{session.Id}");
        await menteePage.GetByRole(AriaRole.Link, new() { Name = "Write to Test" }).ClickAsync();
        await Expect(menteePage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Test Mentor");
        await Expect(menteePage.GetByText("No messages yet.")).ToBeVisibleAsync();

        var composer = menteePage.GetByLabel("Message to Test");
        await menteePage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(composer).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("A message has 1 to 2000 characters."));
        await composer.FillAsync("Shall I bring the draft? 📄");
        await menteePage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(menteePage.Locator(".message.mine .message-text")).ToHaveTextAsync("Shall I bring the draft? 📄");
        await Expect(menteePage.GetByLabel("Message to Test")).ToHaveValueAsync("");
        await AssertAccessibleAsync(menteePage);
        await AssertNoHorizontalScrollAsync(menteePage);

        var mentorPage = await SignedInPageAsync(mentor);
        await Expect(mentorPage.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Messages\s*\(1 unread\)$") })).ToBeVisibleAsync(); // in the header, on any page
        await OpenAsync(mentorPage, "/messages");
        await Expect(mentorPage.Locator(".conversation .badge.unread")).ToHaveTextAsync("1 unread");
        await Expect(mentorPage.Locator(".conversation .preview")).ToHaveTextAsync("Shall I bring the draft? 📄");
        await mentorPage.GetByRole(AriaRole.Link, new() { Name = "Test Mentee" }).ClickAsync();
        await Expect(mentorPage.Locator(".message.theirs .message-text")).ToHaveTextAsync("Shall I bring the draft? 📄");

        // Both have the thread open: what one sends, the other sees arrive, and the sender sees it read, with no reload.
        await Expect(menteePage.Locator(".message.mine .message-meta")).ToContainTextAsync("Read");
        await mentorPage.GetByLabel("Message to Test").FillAsync("Yes, please.");
        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(mentorPage.Locator(".message.mine .message-text")).ToHaveTextAsync("Yes, please.");
        await Expect(menteePage.Locator(".message.theirs .message-text")).ToHaveTextAsync("Yes, please.");
        await Expect(menteePage.Locator(".live-thread [aria-live=polite]")).ToHaveTextAsync("Test: Yes, please.");
        await Expect(mentorPage.Locator(".message.mine .message-meta")).ToContainTextAsync("Read");
        await ScreenshotAsync(mentorPage, "chat");

        await OpenAsync(mentorPage, "/messages");
        await Expect(mentorPage.Locator(".conversation .badge.unread")).ToHaveCountAsync(0);
        await Expect(mentorPage.GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true })).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task An_open_thread_leads_to_sign_in_as_soon_as_the_member_signs_out_everywhere_elsewhere()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Accepted);
        var thread = await SignedInPageAsync(mentee);
        await OpenAsync(thread, $"/messages/{mentor.Id}");
        await Expect(thread.GetByLabel("Message to Test")).ToBeEnabledAsync(); // live

        var other = await SignedInPageAsync(mentee);
        await OpenAsync(other, "/account");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        await Expect(thread).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in\\?returnUrl=%2Fmessages%2F"));
        await Expect(thread.GetByRole(AriaRole.Status)).ToContainTextAsync("You were signed out");
    }

    [Fact]
    public async Task A_thread_with_someone_the_member_shares_nothing_with_is_not_found_and_sending_after_the_session_went_is_refused()
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync(SessionStatus.Accepted);
        var stranger = await Database.SeedUserAsync(UserRole.Mentor);
        var page = await SignedInPageAsync(mentee);
        await OpenAsync(page, $"/messages/{stranger.Id}", status: 404);
        await OpenAsync(page, $"/messages/{Guid.NewGuid()}", status: 404);

        await OpenAsync(page, $"/messages/{mentor.Id}");
        await using (var db = Database.NewContext())
        {
            db.Sessions.Remove(await db.Sessions.FindAsync([session.Id], TestContext.Current.CancellationToken) ?? throw new InvalidOperationException());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await page.GetByLabel("Message to Test").FillAsync("Hello?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Request a session with this person first.");
        await Expect(page.GetByLabel("Message to Test")).ToHaveValueAsync("Hello?");
        AssertNoPageErrors();
    }
}

public sealed class MessagesPageOnSqlite(SqliteFiles server, Chromium chromium) : MessagesPageTests(server, chromium);

public sealed class MessagesPageOnPostgres(PostgresServer server, Chromium chromium) : MessagesPageTests(server, chromium);
