using System.Net;
using System.Net.Http.Json;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Accounts;

/// <summary>The web UI's way in: the same accounts, a cookie instead of tokens, and antiforgery on every change.</summary>
public abstract class CookieSignInTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task A_cookie_sign_in_authenticates_later_requests_without_handing_out_tokens()
    {
        await using var app = new MentoriApp(Database);
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var browser = app.CreateClient();

        var signIn = await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = Password });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var body = await signIn.JsonAsync();
        Assert.False(body.TryGetProperty("accessToken", out _));
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase)
            && cookie.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        var me = await (await browser.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal(email, me.GetProperty("user").GetProperty("email").GetString());
    }

    /// <summary>
    /// Issue 17: behind a load balancer the next request may reach another instance. The key ring that signs cookies
    /// and antiforgery tokens is in the database, so each instance reads the one the other wrote.
    /// </summary>
    [Fact]
    public async Task A_cookie_and_its_antiforgery_token_from_one_instance_work_on_another()
    {
        await using var a = new MentoriApp(Database);
        await using var b = new MentoriApp(Database);
        var email = NewEmail();
        await RegisterAsync(a.CreateClient(), email);
        var onA = a.CreateClient();
        var signIn = await onA.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = Password });
        var antiforgeryResponse = await onA.GetAsync("/api/v1/auth/antiforgery");
        var antiforgery = await antiforgeryResponse.JsonAsync();
        var cookies = string.Join("; ", new[] { signIn, antiforgeryResponse }
            .SelectMany(response => response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            .Select(cookie => cookie.Split(';')[0]));

        var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Add("Cookie", cookies);
        var change = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/password")
        {
            Content = JsonContent.Create(new { currentPassword = Password, newPassword = "N3w-password" }),
        };
        change.Headers.Add("Cookie", cookies);
        change.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        var onB = b.CreateClient(new() { HandleCookies = false });

        Assert.Equal(HttpStatusCode.OK, (await onB.SendAsync(me)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await onB.SendAsync(change)).StatusCode);
        await using var db = Database.NewContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync(), "no key in data_protection_keys");
    }

    [Theory]
    [InlineData("/api/v1/me/password")]
    [InlineData("/API/v1/me/password")]
    [InlineData("/Api/V1/Me/Password")]
    public async Task A_cookie_authenticated_change_needs_the_antiforgery_token(string path)
    {
        await using var app = new MentoriApp(Database);
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var browser = app.CreateClient();
        await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = Password });
        var change = new { currentPassword = Password, newPassword = "N3w-password" };

        var forged = await browser.PutAsJsonAsync(path, change);
        var problem = await AssertProblemAsync(forged, HttpStatusCode.BadRequest);
        Assert.EndsWith("antiforgery", problem.GetProperty("type").GetString());

        var antiforgery = await (await browser.GetAsync("/api/v1/auth/antiforgery")).JsonAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(change) };
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_cookie_sign_in()
    {
        await using var app = new MentoriApp(Database);
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var browser = app.CreateClient();
        await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = Password });
        var antiforgery = await (await browser.GetAsync("/api/v1/auth/antiforgery")).JsonAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(request)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_copied_cookie_stops_working_after_logout_and_after_a_password_change()
    {
        await using var app = new MentoriApp(Database);
        var email = NewEmail();
        var auth = await RegisterAsync(app.CreateClient(), email);
        var (laptop, laptopCookie) = await SignInWithCookieAsync(app, email);
        var (_, phoneCookie) = await SignInWithCookieAsync(app, email);

        var antiforgery = await (await laptop.GetAsync("/api/v1/auth/antiforgery")).JsonAsync();
        var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        logout.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await laptop.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(WithCookie(laptopCookie))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(WithCookie(phoneCookie))).StatusCode);

        var change = await app.CreateClient().WithBearer(AccessToken(auth))
            .PutAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "N3w-password" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(WithCookie(phoneCookie))).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_users_cookie_stops_working()
    {
        await using var app = new MentoriApp(Database);
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var (_, cookie) = await SignInWithCookieAsync(app, email);
        await using (var before = new MentoriApp(Database))
        {
            Assert.Equal(HttpStatusCode.OK, (await before.CreateClient().SendAsync(WithCookie(cookie))).StatusCode);
        }

        await using (var db = Database.NewContext())
        {
            await db.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false));
        }

        await using var after = new MentoriApp(Database);
        Assert.Equal(HttpStatusCode.Forbidden, (await after.CreateClient().SendAsync(WithCookie(cookie))).StatusCode);
    }

    [Fact]
    public async Task A_cookie_sign_in_ends_30_days_after_signing_in_however_often_it_is_used()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new MentoriApp(Database).WithClock(clock);
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var (browser, _) = await SignInWithCookieAsync(app, email);

        var statuses = new List<HttpStatusCode>();
        // The wall clock moves on (AdjustTime) without replaying a month of every background timer's ticks.
        foreach (var days in new[] { 10, 10, 9 })
        {
            clock.AdjustTime(clock.GetUtcNow().AddDays(days));
            statuses.Add((await browser.GetAsync("/api/v1/me")).StatusCode);
        }

        clock.AdjustTime(clock.GetUtcNow().AddDays(2));
        var afterThirtyDays = await browser.GetAsync("/api/v1/me");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, afterThirtyDays.StatusCode);
    }

    /// <summary>A browser of its own (its own cookie jar), signed in; and a copy of its sign-in cookie.</summary>
    private static async Task<(HttpClient Browser, string Cookie)> SignInWithCookieAsync(MentoriApp app, string email)
    {
        var browser = app.CreateClient();
        var response = await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = Password });
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mentori.auth=", StringComparison.Ordinal)).Split(';')[0];
        return (browser, cookie);
    }

    private static HttpRequestMessage WithCookie(string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}

public sealed class CookieSignInOnPostgres(PostgresServer server) : CookieSignInTests(server);

public sealed class CookieSignInOnSqlite(SqliteFiles server) : CookieSignInTests(server);
