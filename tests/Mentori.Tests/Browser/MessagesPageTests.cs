using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
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
        var mentorPage = await SignedInPageAsync(mentor);
        await OpenListeningAsync(mentorPage, "/sessions"); // the header's count listens on the same feed
        await StayingAsync(mentorPage);
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

        // The header of the mentor's open page counts it at once, and again once the thread is read.
        await Expect(mentorPage.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Messages\s*\(1 unread\)$") })).ToBeVisibleAsync();
        await AssertStayedAsync(mentorPage);
        await mentorPage.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Messages") }).ClickAsync();
        await Expect(mentorPage.Locator(".conversation .badge.unread")).ToHaveTextAsync("1 unread");
        await Expect(mentorPage.Locator(".conversation .preview")).ToHaveTextAsync("Shall I bring the draft? 📄");
        await mentorPage.GetByRole(AriaRole.Link, new() { Name = "Test Mentee" }).ClickAsync();
        await Expect(mentorPage.Locator(".message.theirs .message-text")).ToHaveTextAsync("Shall I bring the draft? 📄");
        await Expect(mentorPage.GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true })).ToBeVisibleAsync();

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
    public async Task A_long_thread_opens_at_the_newest_message_and_loads_older_ones_as_the_member_scrolls_up()
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync(SessionStatus.Accepted);
        var first = DateTime.UtcNow.AddDays(-1);
        await using (var db = Database.NewContext())
        {
            db.Messages.AddRange(Enumerable.Range(1, 45).Select(i => new Message
            {
                SenderId = i % 2 == 0 ? mentor.Id : mentee.Id, ReceiverId = i % 2 == 0 ? mentee.Id : mentor.Id, SessionId = session.Id,
                Content = $"Message {i}", IsRead = true, ReadAt = first.AddMinutes(i),
            }));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            for (var i = 1; i <= 45; i++) // a minute apart (saving stamps them all with now)
            {
                var content = $"Message {i}";
                var at = first.AddMinutes(i);
                await db.Messages.Where(m => m.Content == content).ExecuteUpdateAsync(set => set.SetProperty(m => m.CreatedAt, at), TestContext.Current.CancellationToken);
            }
        }

        var page = await SignedInPageAsync(mentee, width: 375);
        await OpenAsync(page, $"/messages/{mentor.Id}");
        var box = page.GetByRole(AriaRole.Region, new() { Name = "Messages with Test Mentor, oldest first" });
        await Expect(page.GetByLabel("Message to Test")).ToBeEnabledAsync(); // live
        await ScreenshotAsync(page, "chat-375");
        await Expect(box.GetByText("Message 45", new() { Exact = true })).ToBeInViewportAsync();
        await Expect(box.Locator(".message")).ToHaveCountAsync(30);

        await box.EvaluateAsync("box => box.scrollTop = 0");
        await Expect(box.Locator(".message")).ToHaveCountAsync(45);
        await Expect(box.GetByRole(AriaRole.Button, new() { Name = "Older messages" })).ToHaveCountAsync(0);
        await Expect(box.GetByText("Message 16", new() { Exact = true })).ToBeInViewportAsync(); // the place is kept
        await Expect(box.GetByText("Message 45", new() { Exact = true })).Not.ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight < 2 * innerHeight"), "what the box hides makes the page no longer");
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task An_open_thread_says_at_once_that_the_sign_in_ended_when_the_member_signs_out_everywhere_elsewhere()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Accepted);
        var thread = await SignedInPageAsync(mentee);
        await OpenAsync(thread, $"/messages/{mentor.Id}");
        await Expect(thread.GetByLabel("Message to Test")).ToBeEnabledAsync(); // live

        var other = await SignedInPageAsync(mentee);
        await OpenAsync(other, "/account");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        await Expect(thread.GetByRole(AriaRole.Status).Filter(new() { HasText = "You are signed out" })).ToContainTextAsync("this thread no longer updates");
        await Expect(thread.GetByLabel("Message to Test")).ToBeDisabledAsync();
        await AssertAccessibleAsync(thread);
        await thread.GetByRole(AriaRole.Link, new() { Name = "Sign in again" }).ClickAsync();
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

public sealed class MessagesPageOnPostgres(PostgresServer server, Chromium chromium) : MessagesPageTests(server, chromium)
{
    /// <summary>
    /// Two instances on one database and one Redis, each browser held to its own instance (as a proxy's sticky
    /// sessions hold a circuit): what one side does reaches the other's open pages live, through the backplane.
    /// </summary>
    [Fact]
    public async Task Messages_read_marks_and_the_unread_count_reach_a_browser_on_another_instance_live()
    {
        await UseRedisAsync();
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Accepted);
        var second = AnotherInstance();
        Assert.NotEqual(BaseAddress, ChatClient.Address(second));
        var mentorPage = await SignedInPageAsync(mentor, instance: second);
        await OpenListeningAsync(mentorPage, "/sessions"); // listening, through the second instance
        var menteePage = await SignedInPageAsync(mentee);
        await OpenAsync(menteePage, $"/messages/{mentor.Id}");
        await Expect(menteePage.GetByLabel("Message to Test")).ToBeEnabledAsync(); // live

        await menteePage.GetByLabel("Message to Test").FillAsync("Sent through the first instance.");
        await menteePage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(mentorPage.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Messages\s*\(1 unread\)$") })).ToBeVisibleAsync();
        await mentorPage.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Messages") }).ClickAsync();
        // Until the list has arrived, "Test Mentee" is still the session's link on the page being left.
        await Expect(mentorPage.Locator(".conversation .badge.unread")).ToHaveTextAsync("1 unread");
        await mentorPage.GetByRole(AriaRole.Link, new() { Name = "Test Mentee" }).ClickAsync();
        await Expect(mentorPage.Locator(".message.theirs .message-text")).ToHaveTextAsync("Sent through the first instance.");
        await Expect(menteePage.Locator(".message.mine .message-meta")).ToContainTextAsync("Read"); // the mark came back

        await mentorPage.GetByLabel("Message to Test").FillAsync("Answered through the second.");
        await mentorPage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(menteePage.Locator(".message.theirs .message-text")).ToHaveTextAsync("Answered through the second.");
        await Expect(mentorPage.Locator(".message.mine .message-meta")).ToContainTextAsync("Read");
        AssertNoPageErrors();
    }
}
