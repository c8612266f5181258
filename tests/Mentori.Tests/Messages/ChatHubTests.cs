using System.Net;
using System.Text.Json;
using Mentori.Data.Entities;
using Microsoft.AspNetCore.SignalR.Client;

namespace Mentori.Tests.Messages;

/// <summary>Real time over a real WebSocket to a real Kestrel server, authenticated by the access token in the query string.</summary>
public abstract class ChatHubTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    /// <summary>What a client receives: the next call of <paramref name="method"/>, as JSON.</summary>
    protected static TaskCompletionSource<JsonElement> Expect(HubConnection connection, string method)
    {
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>(method, payload => received.TrySetResult(payload));
        return received;
    }

    [Fact(Timeout = 60_000)]
    public async Task The_receiver_is_pushed_the_message_and_the_sender_the_read_receipt()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var app = new MentoriApp(Database);
        app.UseKestrel(0);
        app.StartServer();
        await using var mentorHub = await ConnectAsync(app, await TokenAsync(app, mentor));
        await using var menteeHub = await ConnectAsync(app, await TokenAsync(app, mentee));
        var received = Expect(mentorHub, "messageReceived");
        var readReceipt = Expect(menteeHub, "messagesRead");

        var sent = await (await SendAsync(await SignInAsync(app, mentee), mentor.Id, "Ping")).JsonAsync();
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await (await SignInAsync(app, mentor)).PostAsync($"/api/v1/conversations/{mentee.Id}/read", null);
        var receipt = await readReceipt.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(sent.GetProperty("id").GetGuid(), message.GetProperty("id").GetGuid());
        Assert.Equal("Ping", message.GetProperty("content").GetString());
        Assert.Equal(mentor.Id, receipt.GetProperty("readerId").GetGuid());
        Assert.Equal(sent.GetProperty("createdAt").GetDateTime(), receipt.GetProperty("upTo").GetDateTime());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_other_party_is_pushed_each_change_of_a_session_and_the_one_who_made_it_is_not()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        app.UseKestrel(0);
        app.StartServer();
        await using var mentorHub = await ConnectAsync(app, await TokenAsync(app, mentor));
        await using var menteeHub = await ConnectAsync(app, await TokenAsync(app, mentee));
        var toMentor = Expect(mentorHub, "sessionChanged");
        var toMentee = Expect(menteeHub, "sessionChanged");

        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(10);
        var requested = await (await RequestAsync(await SignInAsync(app, mentee), mentor.Id, start)).JsonAsync();
        var sessionId = requested.GetProperty("id").GetGuid();
        var request = await toMentor.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(await SignInAsync(app, mentor), sessionId, "accept")).StatusCode);
        // The mentee's first push is the mentor's accept: none came for the mentee's own request (pushes keep their order).
        var answer = await toMentee.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(sessionId, request.GetProperty("sessionId").GetGuid());
        Assert.Equal("pending", request.GetProperty("status").GetString());
        Assert.Equal(sessionId, answer.GetProperty("sessionId").GetGuid());
        Assert.Equal("accepted", answer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_valid_token()
    {
        await using var app = new MentoriApp(Database);
        app.UseKestrel(0);
        app.StartServer();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(app, "not-a-token"));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }
}

public sealed class ChatHubOnPostgres(PostgresServer server) : ChatHubTests(server)
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Two server instances on one database and one Redis: a client on instance A gets a message posted through
    /// instance B, and the read receipt sent through A reaches the sender connected to B. The wait is for the event,
    /// with a timeout only against a hang; how fast it arrives is measured in bench/, not asserted here.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task Messages_and_read_receipts_cross_instances_through_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var a = new MentoriApp(Database).WithSetting("Redis:ConnectionString", redis.ConnectionString);
        await using var b = new MentoriApp(Database).WithSetting("Redis:ConnectionString", redis.ConnectionString);
        foreach (var instance in new[] { a, b })
        {
            instance.UseKestrel(0);
            instance.StartServer();
        }

        Assert.NotEqual(Address(a), Address(b));
        await using var mentorOnA = await ConnectAsync(a, await TokenAsync(a, mentor));
        await using var menteeOnB = await ConnectAsync(b, await TokenAsync(b, mentee));
        var received = Expect(mentorOnA, "messageReceived");
        var readReceipt = Expect(menteeOnB, "messagesRead");

        var posted = await SendAsync(await SignInAsync(b, mentee), mentor.Id, "Across");
        var message = await received.Task.WaitAsync(PushTimeout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, (await (await SignInAsync(a, mentor)).PostAsync($"/api/v1/conversations/{mentee.Id}/read", null)).StatusCode);
        var receipt = await readReceipt.Task.WaitAsync(PushTimeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("Across", message.GetProperty("content").GetString());
        Assert.Equal(mentor.Id, receipt.GetProperty("readerId").GetGuid());
    }

    /// <summary>
    /// Issue 17: Redis goes away. Chat keeps working on each instance for its own connections (pushes cannot cross
    /// meanwhile), sign-ins and messages go on, and an instance stops cleanly without it; once Redis is back, pushes
    /// cross instances again by themselves, also to two connections of one user made while it was away.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task Without_redis_chat_stays_on_the_instance_and_crosses_again_once_it_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var redis = await RedisServer.StartAsync();
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        var a = new MentoriApp(Database).WithSetting("Redis:ConnectionString", redis.ConnectionString);
        await using var b = new MentoriApp(Database).WithSetting("Redis:ConnectionString", redis.ConnectionString);
        foreach (var instance in new[] { a, b })
        {
            instance.UseKestrel(0);
            instance.StartServer();
        }

        var mentorOnA = await ConnectAsync(a, await TokenAsync(a, mentor));
        var menteeOnA = await SignInAsync(a, mentee);
        var port = redis.Port;
        await redis.DisposeAsync();

        var local = Expect(mentorOnA, "messageReceived");
        var posted = await SendAsync(menteeOnA, mentor.Id, "Redis is gone");
        var pushed = await local.Task.WaitAsync(PushTimeout, ct);
        var signIn = await LoginAsync(b.CreateClient(), mentee.Email);
        var mentorToken = await TokenAsync(b, mentor);
        await using var firstTabOnB = await ConnectAsync(b, mentorToken); // two connections of one user, made while Redis is away
        await using var secondTabOnB = await ConnectAsync(b, mentorToken);
        await mentorOnA.DisposeAsync();
        await a.DisposeAsync(); // a stop while Redis is away

        await using var again = await RedisServer.StartAsync(port);
        await using var c = new MentoriApp(Database).WithSetting("Redis:ConnectionString", again.ConnectionString);
        c.UseKestrel(0);
        c.StartServer();
        var crossed = Expect(firstTabOnB, "messageReceived");
        var crossedToo = Expect(secondTabOnB, "messageReceived");
        var menteeOnC = await SignInAsync(c, mentee);
        await WaitUntilAsync(async () =>
        {
            await SendAsync(menteeOnC, mentor.Id, "Redis is back"); // until the connections are on the backplane again, pushes are lost (the REST catch-up has them)
            return crossed.Task.IsCompleted && crossedToo.Task.IsCompleted;
        });

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("Redis is gone", pushed.GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("Redis is back", (await crossed.Task).GetProperty("content").GetString());
        Assert.Equal("Redis is back", (await crossedToo.Task).GetProperty("content").GetString());
    }
}

public sealed class ChatHubOnSqlite(SqliteFiles server) : ChatHubTests(server);
