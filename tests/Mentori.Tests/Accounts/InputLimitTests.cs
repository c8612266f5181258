using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mentori.Server.Infrastructure.RateLimiting;
using Mentori.Tests.Host;

namespace Mentori.Tests.Accounts;

/// <summary>Every string a client sends is bounded before any work is done on it: no hash, no lookup, no counter.</summary>
public abstract class InputLimitTests(SharedApp shared) : SharedAppTest(shared)
{
    private static readonly string HugeEmail = new string('a', 900_000) + "@example.com";

    public static TheoryData<string, string, string> OversizedFields => new()
    {
        { "/api/v1/auth/login", $$"""{"email": "{{HugeEmail}}", "password": "Corr3ct-horse"}""", "email" },
        { "/api/v1/auth/login", $$"""{"email": "{{new string('a', 250)}}@example.com", "password": "Corr3ct-horse"}""", "email" },
        { "/api/v1/auth/login", $$"""{"email": "ada@example.com", "password": "{{new string('P', 73)}}"}""", "password" },
        { "/api/v1/auth/login", $$"""{"email": "ada@example.com", "password": "{{string.Concat(Enumerable.Repeat("é", 37))}}"}""", "password" },
        { "/api/v1/auth/refresh", $$"""{"refreshToken": "{{new string('t', 100_000)}}"}""", "refreshToken" },
        { "/api/v1/auth/verify-email", $$"""{"token": "{{new string('t', 65)}}"}""", "token" },
        { "/api/v1/auth/reset-password", $$"""{"token": "{{new string('t', 65)}}", "newPassword": "N3w-password"}""", "token" },
        { "/api/v1/auth/forgot-password", $$"""{"email": "{{HugeEmail}}"}""", "email" },
        { "/api/v1/auth/register", $$"""{"email": "{{HugeEmail}}", "password": "Corr3ct-horse", "role": "mentee", "firstName": "A", "lastName": "B"}""", "email" },
    };

    [Theory]
    [MemberData(nameof(OversizedFields))]
    public async Task An_oversized_field_is_a_400_naming_it(string path, string json, string field)
    {
        var app = App;

        var response = await app.CreateClient().PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Oversized_sign_ins_do_not_count_against_the_account_they_resemble()
    {
        await using var app = new MentoriApp(Database).WithSetting("RateLimiting:Enabled", "true")
            .WithSetting("RateLimiting:SignInPerIp:PermitLimit", "1000");
        var client = app.CreateClient();
        var email = NewEmail();
        await RegisterAsync(client, email);

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = new string('x', 100) });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email)).StatusCode);
    }

    [Fact]
    public async Task Changing_or_confirming_a_password_refuses_an_oversized_current_password()
    {
        var app = App;
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail())));

        var change = await me.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = new string('x', 100_000), newPassword = "N3w-password" });
        var delete = await me.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = new string('x', 100_000) }) });

        Assert.True((await AssertProblemAsync(change, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.True((await AssertProblemAsync(delete, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/v1/me")).StatusCode);
    }
}

public sealed class InputLimitOnPostgres(SharedApp<PostgresServer> shared) : InputLimitTests(shared), IClassFixture<SharedApp<PostgresServer>>;

public sealed class InputLimitOnSqlite(SharedApp<SqliteFiles> shared) : InputLimitTests(shared), IClassFixture<SharedApp<SqliteFiles>>;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void A_client_is_keyed_by_its_ipv4_address_or_its_ipv6_64_bit_prefix(string address, string key) =>
        Assert.Equal(key, ClientAddress.KeyOf(System.Net.IPAddress.Parse(address)));
}
