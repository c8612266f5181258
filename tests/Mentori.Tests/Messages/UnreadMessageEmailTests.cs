using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Server.Features.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Messages;

/// <summary>
/// The email about a chat message left unread: after 15 minutes, only to someone not on Mentori, at most one an
/// hour per conversation, never twice about the same message, and never to someone who turned it off. The clock is
/// moved with AdjustTime, which fires no timer: each pass is run by the test, as the minute's timer would run it.
/// </summary>
public abstract class UnreadMessageEmailTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_message_left_unread_is_emailed_after_15_minutes_then_at_most_hourly_about_newer_messages()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var app = new MentoriApp(Database).WithClock(_clock);
        var sweep = app.Services.GetRequiredService<UnreadMessageEmails>();
        var menteeClient = await SignInAsync(app, mentee);
        await SendOkAsync(menteeClient, mentor.Id, "Could we talk about <system design> on Friday?");

        _clock.AdjustTime(_clock.GetUtcNow().AddMinutes(14));
        var early = await sweep.SendDueAsync(TestContext.Current.CancellationToken);
        _clock.AdjustTime(_clock.GetUtcNow().AddMinutes(2));
        var due = await sweep.SendDueAsync(TestContext.Current.CancellationToken);
        var again = await sweep.SendDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 1, 0), (early, due, again));
        var email = await app.WaitForEmailAsync(mentor.Email, "sent you a message");
        Assert.Equal("Test Mentee sent you a message", email.Subject);
        Assert.Contains("Could we talk about <system design> on Friday?", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;system design&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5080/messages/{mentee.Id}", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/settings/notifications", email.TextBody, StringComparison.Ordinal);

        // A second message: due in 15 minutes, but the conversation had its email less than an hour ago.
        await SendOkAsync(menteeClient, mentor.Id, "Or Saturday, if that suits you better.");
        _clock.AdjustTime(_clock.GetUtcNow().AddMinutes(30));
        var withinTheHour = await sweep.SendDueAsync(TestContext.Current.CancellationToken);
        _clock.AdjustTime(_clock.GetUtcNow().AddMinutes(31));
        var afterTheHour = await sweep.SendDueAsync(TestContext.Current.CancellationToken);
        _clock.AdjustTime(_clock.GetUtcNow().AddHours(5));
        var nothingNewer = await sweep.SendDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 1, 0), (withinTheHour, afterTheHour, nothingNewer));
        var second = await app.WaitForEmailAsync(mentor.Email, "sent you 2 messages");
        Assert.Contains("Or Saturday, if that suits you better.", second.TextBody, StringComparison.Ordinal);
        Assert.Contains("the latest of 2 messages", second.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, await UnreadEmailsToAsync(mentor));
    }

    [Fact(Timeout = 60_000)]
    public async Task Nobody_connected_to_the_chat_is_emailed_and_once_they_leave_they_are()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var app = new MentoriApp(Database).WithClock(_clock);
        app.UseKestrel(0);
        app.StartServer();
        var sweep = app.Services.GetRequiredService<UnreadMessageEmails>();
        var presence = app.Services.GetRequiredService<ChatPresence>();
        var hub = await ChatClient.ConnectAsync(app, await TokenAsync(app, mentor));
        await SendOkAsync(await SignInAsync(app, mentee), mentor.Id, "Are you there?");

        _clock.AdjustTime(_clock.GetUtcNow().AddMinutes(16));
        await presence.RenewAsync(TestContext.Current.CancellationToken); // what the 30-second renewals of the real clock would have done meanwhile
        var whileConnected = await sweep.SendDueAsync(TestContext.Current.CancellationToken);
        await hub.DisposeAsync();
        await WaitUntilAsync(async () =>
        {
            await using var db = Database.NewContext();
            return !await db.ChatConnections.AnyAsync(TestContext.Current.CancellationToken);
        });
        var afterLeaving = await sweep.SendDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (whileConnected, afterLeaving));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_connection_whose_row_was_lost_is_written_again_at_the_next_renewal()
    {
        var (mentor, _, _) = await Database.SeedPairAsync();
        await using var app = new MentoriApp(Database).WithClock(_clock);
        app.UseKestrel(0);
        app.StartServer();
        var presence = app.Services.GetRequiredService<ChatPresence>();
        await using var hub = await ChatClient.ConnectAsync(app, await TokenAsync(app, mentor));
        await WaitUntilAsync(async () =>
        {
            await using var db = Database.NewContext();
            return await db.ChatConnections.AnyAsync(TestContext.Current.CancellationToken);
        });

        // As another instance does when a database outage kept this one from renewing for longer than the lifetime.
        await using (var db = Database.NewContext())
        {
            await db.ChatConnections.ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        await presence.RenewAsync(TestContext.Current.CancellationToken);

        await using var after = Database.NewContext();
        var row = Assert.Single(await after.ChatConnections.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(mentor.Id, row.UserId);
    }

    [Fact]
    public async Task A_connection_left_behind_by_a_dead_instance_stops_counting_after_two_minutes()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var app = new MentoriApp(Database).WithClock(_clock);
        var sweep = app.Services.GetRequiredService<UnreadMessageEmails>();
        await SendOkAsync(await SignInAsync(app, mentee), mentor.Id, "Hello?");
        var now = _clock.GetUtcNow().UtcDateTime.AddMinutes(16);
        var lastRenewal = new ChatConnection { Id = "left-behind", UserId = mentor.Id, InstanceId = Guid.NewGuid(), SeenAt = now.AddSeconds(-90) };
        await Database.SeedAsync(lastRenewal);

        _clock.AdjustTime(new DateTimeOffset(now));
        var whileItCounts = await sweep.SendDueAsync(TestContext.Current.CancellationToken);
        _clock.AdjustTime(_clock.GetUtcNow().AddSeconds(31));
        var onceStale = await sweep.SendDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (whileItCounts, onceStale));
    }

    [Fact]
    public async Task Read_messages_and_receivers_who_turned_the_email_off_get_none()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var asker = await Database.SeedUserAsync(UserRole.Mentee);
        var reader = await Database.SeedUserAsync(UserRole.Mentee);
        await Database.SeedSessionAsync(mentor, asker, TestData.NextYearAt(10));
        await Database.SeedSessionAsync(mentor, reader, TestData.NextYearAt(12));
        await using var app = new MentoriApp(Database).WithClock(_clock);
        var sweep = app.Services.GetRequiredService<UnreadMessageEmails>();
        var mentorClient = await SignInAsync(app, mentor);
        var turnedOff = await mentorClient.PutAsJsonAsync("/api/v1/me/notifications", new { reminders = true, unreadMessages = false }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, turnedOff.StatusCode);

        await SendOkAsync(await SignInAsync(app, asker), mentor.Id, "Is Tuesday fine?");
        await SendOkAsync(mentorClient, reader.Id, "See you on Thursday.");
        var read = await (await SignInAsync(app, reader)).PostAsync($"/api/v1/conversations/{mentor.Id}/read", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        _clock.AdjustTime(_clock.GetUtcNow().AddMinutes(20));

        Assert.Equal(0, await sweep.SendDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await UnreadEmailsToAsync(mentor) + await UnreadEmailsToAsync(reader));
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_instances_sweeping_at_once_send_each_conversation_one_email()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        await using var a = new MentoriApp(Database).WithClock(_clock);
        await using var b = new MentoriApp(Database).WithClock(_clock);
        for (var i = 0; i < 20; i++)
        {
            var mentee = await Database.SeedUserAsync(UserRole.Mentee);
            await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10 + (i % 8)));
            await SendOkAsync(await SignInAsync(i % 2 == 0 ? a : b, mentee), mentor.Id, $"Question {i}");
        }

        _clock.AdjustTime(_clock.GetUtcNow().AddMinutes(16));
        var queued = await Task.WhenAll(
            a.Services.GetRequiredService<UnreadMessageEmails>().SendDueAsync(TestContext.Current.CancellationToken),
            b.Services.GetRequiredService<UnreadMessageEmails>().SendDueAsync(TestContext.Current.CancellationToken));

        Assert.Equal(20, queued.Sum());
        Assert.Equal(20, await UnreadEmailsToAsync(mentor));
    }

    /// <summary>Signed in before the clock moves: tokens are checked against the real clock.</summary>
    private static async Task SendOkAsync(HttpClient from, Guid to, string content)
    {
        var response = await SendAsync(from, to, content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<int> UnreadEmailsToAsync(User receiver)
    {
        await using var db = Database.NewContext();
        return await db.EmailOutbox.CountAsync(e => e.Recipient == receiver.Email && e.Subject.Contains("sent you"), TestContext.Current.CancellationToken);
    }
}

public sealed class UnreadMessageEmailsOnPostgres(PostgresServer server) : UnreadMessageEmailTests(server);

public sealed class UnreadMessageEmailsOnSqlite(SqliteFiles server) : UnreadMessageEmailTests(server);
