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
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Writing_to_someone_without_a_shared_session_is_refused_with_the_reason_and_an_unknown_person_is_not_found()
    {
        var stranger = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await SignedInPageAsync(mentee);
        await OpenAsync(page, $"/messages/{stranger.Id}");

        await page.GetByLabel("Message to Test").FillAsync("Hello?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Request a session with this person first.");
        await Expect(page.GetByLabel("Message to Test")).ToHaveValueAsync("Hello?");
        await OpenAsync(page, $"/messages/{Guid.NewGuid()}", status: 404);
        AssertNoPageErrors();
    }
}

public sealed class MessagesPageOnSqlite(SqliteFiles server, Chromium chromium) : MessagesPageTests(server, chromium);

public sealed class MessagesPageOnPostgres(PostgresServer server, Chromium chromium) : MessagesPageTests(server, chromium);
