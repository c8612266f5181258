using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Mentori.Data.Entities;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Messages;

/// <summary>A chat connection lives no longer than the sign-in it was opened with, and only Mentori's own pages open one.</summary>
public abstract class ChatSignOutTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact(Timeout = 60_000)]
    public async Task A_cookie_connection_closes_when_its_browser_signs_out()
    {
        var (_, mentee, _) = await Database.SeedPairAsync();
        await using var app = StartedApp();
        var browser = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = browser }) { BaseAddress = Address(app) };
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = mentee.Email, password = Password })).StatusCode);
        await using var hub = await ConnectWithCookiesAsync(app, browser);
        var closed = ClosedOf(hub);

        var antiforgery = await (await http.GetAsync("/api/v1/auth/antiforgery")).JsonAsync();
        var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        logout.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(logout)).StatusCode);

        await closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_connection_of_a_user_closes_when_the_password_changes_and_others_stay()
    {
        var (mentor, mentee, _) = await Database.SeedPairAsync();
        await using var app = StartedApp();
        var login = await (await LoginAsync(app.CreateClient(), mentee.Email)).JsonAsync();
        await using var phone = await ConnectAsync(app, AccessToken(login));
        await using var laptop = await ConnectAsync(app, await TokenAsync(app, mentee));
        await using var mentorHub = await ConnectAsync(app, await TokenAsync(app, mentor));
        var closed = Task.WhenAll(ClosedOf(phone), ClosedOf(laptop));

        var change = await app.CreateClient().WithBearer(AccessToken(login))
            .PutAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "N3w-password" });

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        await closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HubConnectionState.Connected, mentorHub.State);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_deactivation_on_one_instance_reaches_the_users_connection_and_requests_on_another_through_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var (mentor, _, _) = await Database.SeedPairAsync();
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        await using var a = StartedApp(app => app.WithSetting("Redis:ConnectionString", redis.ConnectionString));
        await using var b = StartedApp(app => app.WithSetting("Redis:ConnectionString", redis.ConnectionString));
        var token = await TokenAsync(b, mentor);
        await using var mentorOnB = await ConnectAsync(b, token);
        var closed = ClosedOf(mentorOnB);
        Assert.Equal(HttpStatusCode.OK, (await b.CreateClient().WithBearer(token).GetAsync("/api/v1/me")).StatusCode); // B now trusts its cache

        var deactivated = await (await SignInAsync(a, admin)).PatchAsJsonAsync($"/api/v1/admin/users/{mentor.Id}", new { isActive = false });

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        await closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // B has forgotten what it cached, so neither a request nor a reconnect gets in on the old answer.
        Assert.Equal(HttpStatusCode.Forbidden, (await b.CreateClient().WithBearer(token).GetAsync("/api/v1/me")).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(b, token));
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_any_message_a_connection_whose_user_was_deactivated_closes_at_the_next_sweep()
    {
        var (mentor, _, _) = await Database.SeedPairAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = StartedApp(app => app.WithClock(clock));
        await using var hub = await ConnectAsync(app, await TokenAsync(app, mentor));
        var closed = ClosedOf(hub);
        await using (var db = Database.NewContext())
        {
            // Another instance without Redis deactivated the user: this one hears nothing.
            await db.Users.Where(u => u.Id == mentor.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false), TestContext.Current.CancellationToken);
        }

        clock.Advance(TimeSpan.FromSeconds(31));

        await closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("https://evil.example", false)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("https://app.mentori.example", true)]
    public async Task A_browser_page_opens_the_hub_only_from_an_allowed_origin(string origin, bool allowed)
    {
        var (mentor, _, _) = await Database.SeedPairAsync();
        await using var app = StartedApp(app => app.WithSetting("Chat:AllowedOrigins:0", "https://app.mentori.example"));
        var token = await TokenAsync(app, mentor);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        var url = new UriBuilder(new Uri(Address(app), $"/hubs/chat?access_token={token}")) { Scheme = "ws" }.Uri;

        var connecting = socket.ConnectAsync(url, TestContext.Current.CancellationToken);

        if (allowed)
        {
            await connecting;
            Assert.Equal(WebSocketState.Open, socket.State);
        }
        else
        {
            await Assert.ThrowsAsync<WebSocketException>(() => connecting);
        }
    }

    private MentoriApp StartedApp(Func<MentoriApp, MentoriApp>? configure = null)
    {
        var app = (configure ?? (a => a))(new MentoriApp(Database));
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static Task ClosedOf(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    private static async Task<HubConnection> ConnectWithCookiesAsync(MentoriApp app, CookieContainer cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Address(app), "/hubs/chat"), options =>
            {
                options.Cookies = cookies;
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}

public sealed class ChatSignOutOnPostgres(PostgresServer server) : ChatSignOutTests(server);

public sealed class ChatSignOutOnSqlite(SqliteFiles server) : ChatSignOutTests(server);
