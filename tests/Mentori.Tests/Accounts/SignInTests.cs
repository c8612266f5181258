using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mentori.Tests.Accounts;

public abstract class SignInTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Signing_in_returns_a_working_token_pair_and_records_the_time()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var email = NewEmail();
        await RegisterAsync(client, email);

        var response = await LoginAsync(client, email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var auth = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(app, AccessToken(auth)));
        Assert.NotEqual(JsonValueKind.Null, auth.GetProperty("user").GetProperty("lastLogin").ValueKind);
        await using var db = Database.NewContext();
        Assert.NotNull((await db.Users.SingleAsync()).LastLogin);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var email = NewEmail();
        await RegisterAsync(client, email);

        var wrongPassword = await AssertProblemAsync(await LoginAsync(client, email, "Wrong-passw0rd"), HttpStatusCode.Unauthorized);
        var unknownEmail = await AssertProblemAsync(await LoginAsync(client, NewEmail()), HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword.GetProperty("type").GetString(), unknownEmail.GetProperty("type").GetString());
        Assert.Equal(wrongPassword.GetProperty("detail").GetString(), unknownEmail.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_refresh_or_use_its_access_token()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new MentoriApp(Database).WithClock(clock);
        var client = app.CreateClient();
        var email = NewEmail();
        var auth = await RegisterAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(app, AccessToken(auth)));

        await using (var db = Database.NewContext())
        {
            await db.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false));
        }

        var atSignIn = await AssertProblemAsync(await LoginAsync(client, email), HttpStatusCode.Forbidden);

        // This instance looked the user up a moment ago and may trust that answer for up to 30 seconds;
        // another instance, which has not seen the user yet, refuses the access token at once.
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(app, AccessToken(auth)));
        await using (var otherInstance = new MentoriApp(Database))
        {
            Assert.Equal(HttpStatusCode.Forbidden, await MeStatusAsync(otherInstance, AccessToken(auth)));
        }

        clock.Advance(TimeSpan.FromSeconds(31));
        var refused = await app.CreateClient().WithBearer(AccessToken(auth)).GetAsync("/api/v1/me");
        var problem = await AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        await AssertProblemAsync(await RefreshAsync(client, RefreshToken(auth)), HttpStatusCode.Forbidden);
        Assert.EndsWith("account-deactivated", problem.GetProperty("type").GetString());
        foreach (var member in new[] { "type", "title", "detail" })
        {
            Assert.Equal(atSignIn.GetProperty(member).GetString(), problem.GetProperty(member).GetString()); // one problem, wherever it is met
        }
    }

    [Fact]
    public async Task Refreshing_rotates_the_pair_and_reusing_a_spent_token_revokes_the_family()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var first = await RegisterAsync(client, NewEmail());

        var second = await (await RefreshAsync(client, RefreshToken(first))).JsonAsync();
        Assert.NotEqual(RefreshToken(first), RefreshToken(second));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(app, AccessToken(second)));

        await AssertProblemAsync(await RefreshAsync(client, RefreshToken(first)), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await RefreshAsync(client, RefreshToken(second)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_used_twice_at_the_same_moment_has_one_winner()
    {
        await using var app = new MentoriApp(Database);
        var auth = await RegisterAsync(app.CreateClient(), NewEmail());
        var clients = Enumerable.Range(0, 8).Select(_ => app.CreateClient()).ToList();

        var responses = await Task.WhenAll(clients.Select(client => RefreshAsync(client, RefreshToken(auth))));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));

        // The losers presented a spent token, which is a reuse: the family, the winner's new token included, is revoked.
        var winnersToken = RefreshToken(await winner.JsonAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app.CreateClient(), winnersToken)).StatusCode);
    }

    [Fact]
    public async Task Logging_out_revokes_the_family_of_that_refresh_token()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var email = NewEmail();
        var first = await RegisterAsync(client, email);
        var otherDevice = await (await LoginAsync(client, email)).JsonAsync();
        var rotated = await (await RefreshAsync(client, RefreshToken(first))).JsonAsync();

        var logout = await app.CreateClient().WithBearer(AccessToken(rotated)).PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = RefreshToken(rotated) });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, RefreshToken(rotated))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(app, AccessToken(rotated)));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(app, AccessToken(otherDevice)));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(client, RefreshToken(otherDevice))).StatusCode);
    }

    public static TheoryData<string> TamperedTokens => ["bad-signature", "alg-none", "expired", "wrong-issuer", "wrong-audience", "garbage"];

    [Theory]
    [MemberData(nameof(TamperedTokens))]
    public async Task A_tampered_or_expired_access_token_is_refused(string tampering)
    {
        await using var app = new MentoriApp(Database);
        var auth = await RegisterAsync(app.CreateClient(), NewEmail());
        var userId = auth.GetProperty("user").GetProperty("id").GetString()!;
        var familyId = new JsonWebToken(AccessToken(auth)).GetClaim("sid").Value;

        var token = tampering switch
        {
            "bad-signature" => Forge(userId, familyId, key: "another-key-that-is-long-enough-for-hs256!!"),
            "alg-none" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "mentori", Audience = "mentori", Expires = DateTime.UtcNow.AddMinutes(5),
                Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("role", "mentee"), new Claim("sid", familyId)]),
            }),
            "expired" => Forge(userId, familyId, expires: DateTime.UtcNow.AddMinutes(-5)),
            "wrong-issuer" => Forge(userId, familyId, issuer: "someone-else"),
            "wrong-audience" => Forge(userId, familyId, audience: "someone-else"),
            _ => "not.a.token",
        };

        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(app, Forge(userId, familyId)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(app, token));
    }

    [Fact]
    public async Task Without_credentials_the_account_endpoints_answer_401_problems()
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().GetAsync("/api/v1/me");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_nul_character_in_the_email_is_a_client_error_not_a_server_error()
    {
        await using var app = new MentoriApp(Database);

        var response = await LoginAsync(app.CreateClient(), "a\u0000b@example.com");

        Assert.True((int)response.StatusCode is >= 400 and < 500, response.StatusCode.ToString());
    }

    private static string Forge(string userId, string familyId, string key = MentoriApp.SigningKey, DateTime? expires = null,
        string issuer = "mentori", string audience = "mentori")
    {
        var notBefore = (expires ?? DateTime.UtcNow.AddMinutes(5)).AddMinutes(-10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("role", "mentee"), new Claim("sid", familyId)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}

public sealed class SignInOnPostgres(PostgresServer server) : SignInTests(server);

public sealed class SignInOnSqlite(SqliteFiles server) : SignInTests(server);
