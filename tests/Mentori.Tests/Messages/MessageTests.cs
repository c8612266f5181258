using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Messages;

public abstract class MessageTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task People_who_share_a_session_talk_and_read_each_others_messages()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Declined);
        await using var app = new MentoriApp(Database);
        var menteeClient = await SignInAsync(app, mentee);
        var mentorClient = await SignInAsync(app, mentor);

        var sent = await SendAsync(menteeClient, mentor.Id, "  Hello there  ");
        await SendAsync(menteeClient, mentor.Id, "Are you free next week?");
        await SendAsync(mentorClient, mentee.Id, "Yes!");

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("Hello there", (await sent.JsonAsync()).GetProperty("content").GetString());
        Assert.Equal(2, (await (await mentorClient.GetAsync("/api/v1/messages/unread-count")).JsonAsync()).GetProperty("count").GetInt32());
        var thread = await (await mentorClient.GetAsync($"/api/v1/conversations/{mentee.Id}/messages")).JsonAsync();
        Assert.Equal(["Yes!", "Are you free next week?", "Hello there"],
            thread.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        var conversation = (await (await mentorClient.GetAsync("/api/v1/conversations")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(mentee.Id, conversation.GetProperty("user").GetProperty("id").GetGuid());
        Assert.Equal("Yes!", conversation.GetProperty("lastMessage").GetProperty("content").GetString());
        Assert.Equal(2, conversation.GetProperty("unreadCount").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await mentorClient.PostAsync($"/api/v1/conversations/{mentee.Id}/read", null)).StatusCode);

        Assert.Equal(0, (await (await mentorClient.GetAsync("/api/v1/messages/unread-count")).JsonAsync()).GetProperty("count").GetInt32());
        var read = await (await menteeClient.GetAsync($"/api/v1/conversations/{mentor.Id}/messages")).JsonAsync();
        var mine = read.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("senderId").GetGuid() == mentee.Id).ToList();
        Assert.All(mine, m => Assert.True(m.GetProperty("isRead").GetBoolean()));
        Assert.All(mine, m => Assert.NotEqual(JsonValueKind.Null, m.GetProperty("readAt").ValueKind));
        Assert.Equal(1, (await (await menteeClient.GetAsync("/api/v1/messages/unread-count")).JsonAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Only_people_who_share_a_session_may_write_and_a_named_session_must_be_theirs()
    {
        var (mentor, mentee, session) = await Database.SeedPairAsync();
        var stranger = await Database.SeedUserAsync(UserRole.Mentor);
        var otherMentee = await Database.SeedUserAsync(UserRole.Mentee);
        var othersSession = await Database.SeedSessionAsync(stranger, otherMentee, TestData.NextYearAt(12));
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        var toStranger = await SendAsync(client, stranger.Id, "Hi");
        var wrongSession = await SendAsync(client, mentor.Id, "Hi", othersSession.Id);
        var unknownSession = await SendAsync(client, mentor.Id, "Hi", Guid.NewGuid());
        var rightSession = await SendAsync(client, mentor.Id, "Hi", session.Id);

        Assert.EndsWith(":no-shared-session", (await AssertProblemAsync(toStranger, HttpStatusCode.Forbidden)).GetProperty("type").GetString());
        await AssertProblemAsync(wrongSession, HttpStatusCode.Forbidden);
        await AssertProblemAsync(unknownSession, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, rightSession.StatusCode);
        Assert.Equal(session.Id, (await rightSession.JsonAsync()).GetProperty("sessionId").GetGuid());
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Messages.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("""{"receiverId": "{mentor}", "content": "   "}""", "content")]
    [InlineData("""{"receiverId": "{mentor}"}""", "content")]
    [InlineData("""{"receiverId": "{mentor}", "content": "a\u0000b"}""", "content")]
    [InlineData("""{"content": "Hi"}""", "receiverId")]
    [InlineData("""{"receiverId": "{mentee}", "content": "Hi"}""", "receiverId")]
    [InlineData("""{"receiverId": 42, "content": "Hi"}""", "receiverId")]
    [InlineData("""{"receiverId": "{mentor}", "content": ["Hi"]}""", "content")]
    public async Task Bad_messages_are_field_errors_and_store_nothing(string json, string field)
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        var body = json.Replace("{mentor}", mentor.Id.ToString(), StringComparison.Ordinal).Replace("{mentee}", mentee.Id.ToString(), StringComparison.Ordinal);

        var response = await client.PostAsync("/api/v1/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Messages.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_message_holds_2000_characters_and_no_more()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, mentor.Id, new string('é', 2000))).StatusCode);
        await AssertProblemAsync(await SendAsync(client, mentor.Id, new string('é', 2001)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unverified_users_cannot_send()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee, verified: false);
        await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        await using var app = new MentoriApp(Database);

        var response = await SendAsync(await SignInAsync(app, mentee), mentor.Id, "Hi");

        Assert.EndsWith(":email-not-verified", (await AssertProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_thread_pages_through_messages_of_the_same_instant_each_once()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        var frozen = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var seeded = Enumerable.Range(0, 7).Select(i => new Message
        {
            SenderId = i % 2 == 0 ? mentee.Id : mentor.Id, ReceiverId = i % 2 == 0 ? mentor.Id : mentee.Id, Content = $"m{i}",
        }).ToList();
        await using (var db = Database.NewContext(frozen))
        {
            db.Messages.AddRange(seeded);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        var ids = await AllPagesAsync(client, $"/api/v1/conversations/{mentor.Id}/messages", 3);

        Assert.Equal(seeded.Select(m => m.Id).Order(), ids.Order());
        Assert.Equal(7, ids.Distinct().Count());
    }

    [Fact]
    public async Task Conversations_page_most_recent_first()
    {
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var mentors = new List<User>();
        for (var i = 0; i < 5; i++)
        {
            var mentor = await Database.SeedUserAsync(UserRole.Mentor);
            await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(8 + i));
            mentors.Add(mentor);
        }

        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        foreach (var mentor in mentors)
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, mentor.Id, "Hello")).StatusCode);
        }

        var users = (await AllItemsAsync(client, "/api/v1/conversations", 2)).Select(c => c.GetProperty("user").GetProperty("id").GetGuid());

        Assert.Equal(mentors.Select(m => m.Id).Reverse(), users);
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_hundred_messages_sent_at_once_are_all_stored_once()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var app = new MentoriApp(Database);
        var menteeClient = await SignInAsync(app, mentee);
        var mentorClient = await SignInAsync(app, mentor);
        using var go = new ManualResetEventSlim();

        var sends = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            go.Wait(TestContext.Current.CancellationToken);
            var response = i % 2 == 0 ? await SendAsync(menteeClient, mentor.Id, $"#{i}") : await SendAsync(mentorClient, mentee.Id, $"#{i}");
            return response.StatusCode;
        })).ToList();
        go.Set();
        var statuses = await Task.WhenAll(sends);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        await using var db = Database.NewContext();
        var stored = await db.Messages.Select(m => m.Content).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"#{i}").Order(), stored.Order());
    }
}

public sealed class MessageOnPostgres(PostgresServer server) : MessageTests(server);

public sealed class MessageOnSqlite(SqliteFiles server) : MessageTests(server);
