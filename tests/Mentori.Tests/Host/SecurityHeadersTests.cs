using System.Net;
using System.Net.Http.Json;

namespace Mentori.Tests.Host;

/// <summary>What every response tells the browser, and whose forwarded headers the host believes.</summary>
public abstract class SecurityHeadersTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private const string ProxyAddress = "10.0.0.5";
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/v1/mentors")]
    [InlineData("/api/v1/no-such-route")]
    [InlineData("/api/v1/me")]
    public async Task Every_response_forbids_sniffing_and_framing_and_limits_the_referrer(string path)
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sign-in")]
    [InlineData("/no-such-page")]
    public async Task The_web_uis_pages_allow_nothing_inline_and_only_mentoris_own_sources(string path)
    {
        await using var app = new MentoriApp(Database);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        var policy = Header(await app.CreateClient().SendAsync(request), "Content-Security-Policy");

        Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'", policy);
    }

    [Fact]
    public async Task Outside_development_https_responses_carry_hsts()
    {
        await using var app = new MentoriApp(Database, "Production");
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://mentori.example") });

        var response = await client.GetAsync("/health/live");

        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://mentori.example", true)]
    [InlineData("http://localhost:5080", false)]
    public async Task The_sign_in_and_antiforgery_cookies_are_secure_when_the_public_url_is_https_behind_a_tls_proxy_too(string publicUrl, bool secure)
    {
        // Plain http on the last hop, as from a TLS proxy in front that is not configured as a known proxy.
        await using var app = new MentoriApp(Database).WithSetting("Email:PublicUrl", publicUrl);
        var client = app.CreateClient(new() { BaseAddress = new Uri("http://localhost") });
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Corr3ct-horse", role = "mentee", firstName = "A", lastName = "B" });

        var signIn = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = "Corr3ct-horse" });
        var antiforgery = await client.GetAsync("/api/v1/auth/antiforgery");

        Assert.Equal(HttpStatusCode.OK, antiforgery.StatusCode);
        var cookies = signIn.Headers.GetValues("Set-Cookie").Concat(antiforgery.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("mentori.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("mentori.antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Equal(secure, c.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_sender_are_ignored()
    {
        // Each "client" claims another address; believed, they would each get their own per-IP budget.
        await using var app = PerIpLimitedApp();

        var statuses = await SignInFromAsync(app, "203.0.113.1", "203.0.113.2", "203.0.113.3");

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_configured_proxy_give_the_client_address_and_scheme()
    {
        await using var app = PerIpLimitedApp().WithSetting("ForwardedHeaders:KnownProxies:0", ProxyAddress);

        var statuses = await SignInFromAsync(app, "203.0.113.1", "203.0.113.2", "203.0.113.3");
        var forwardedHttps = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        forwardedHttps.Headers.Add("X-Forwarded-Proto", "https");
        var response = await app.CreateClient(new() { BaseAddress = new Uri("http://mentori.example") }).From(ProxyAddress).SendAsync(forwardedHttps);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Believing_every_sender_of_forwarded_headers_is_refused_at_startup()
    {
        await using var app = new MentoriApp(Database).WithSetting("FORWARDEDHEADERS_ENABLED", "true");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => app.CreateClient()));

        Assert.Contains("ForwardedHeaders:KnownProxies", failure.ToString());
    }

    private MentoriApp PerIpLimitedApp() => new MentoriApp(Database, "Production")
        .WithSetting("Auth:Jwt:SigningKey", MentoriApp.SigningKey)
        .WithSetting("RateLimiting:Enabled", "true")
        .WithSetting("RateLimiting:SignInPerIp:PermitLimit", "2")
        .WithSetting("RateLimiting:SignInPerIp:Window", "00:10:00")
        .WithPeerAddresses();

    private static async Task<List<HttpStatusCode>> SignInFromAsync(MentoriApp app, params string[] clients)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in clients)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = "nobody@example.com", password = "Wrong-passw0rd" }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            statuses.Add((await app.CreateClient().From(ProxyAddress).SendAsync(request)).StatusCode);
        }

        return statuses;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : $"(no {name} header)";
}

public sealed class SecurityHeadersOnPostgres(PostgresServer server) : SecurityHeadersTests(server);

public sealed class SecurityHeadersOnSqlite(SqliteFiles server) : SecurityHeadersTests(server);
