using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Accounts;

public abstract class RegistrationTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Registering_creates_the_user_and_an_empty_profile_and_signs_them_in()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        var auth = await RegisterAsync(client, "  New.Mentor@Example.COM ", "mentor");

        var user = auth.GetProperty("user");
        Assert.Equal("new.mentor@example.com", user.GetProperty("email").GetString());
        Assert.Equal("mentor", user.GetProperty("role").GetString());
        Assert.False(user.GetProperty("isVerified").GetBoolean());
        Assert.Equal(900, auth.GetProperty("expiresIn").GetInt32());
        Assert.False(user.TryGetProperty("passwordHash", out _));

        var me = await (await app.CreateClient().WithBearer(AccessToken(auth)).GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal("Ada", me.GetProperty("profile").GetProperty("firstName").GetString());
        Assert.Equal(user.GetProperty("id").GetString(), me.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_verification_email_carries_a_single_use_token_that_verifies_the_address()
    {
        await using var app = new MentoriApp(Database).WithSetting("Email:PublicUrl", "https://mentori.example.org");
        var client = app.CreateClient();
        var email = NewEmail();
        var auth = await RegisterAsync(client, email);

        var message = await app.WaitForEmailAsync(email, "Confirm your email");
        var token = message.Token();
        Assert.Contains($"https://mentori.example.org/verify-email?token={Uri.EscapeDataString(token)}", message.TextBody);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).StatusCode);
        var me = await (await app.CreateClient().WithBearer(AccessToken(auth)).GetAsync("/api/v1/me")).JsonAsync();
        Assert.True(me.GetProperty("user").GetProperty("isVerified").GetBoolean());

        var again = await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token });
        var problem = await AssertProblemAsync(again, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Resending_verification_makes_the_earlier_token_useless()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var email = NewEmail();
        var auth = await RegisterAsync(client, email);
        var first = (await app.WaitForEmailAsync(email, "Confirm your email")).Token();

        var resend = await app.CreateClient().WithBearer(AccessToken(auth)).PostAsync("/api/v1/auth/resend-verification", null);
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        var second = (await app.WaitForEmailAsync(email, "Confirm your email", count: 2)).Token();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = first })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = second })).StatusCode);
    }

    [Theory]
    [InlineData("not-an-email", Password, "mentee", "Ada", "Lovelace", "email")]
    [InlineData("a@b", Password, "mentee", "Ada", "Lovelace", "email")]
    [InlineData("ok@example.com", "short1A", "mentee", "Ada", "Lovelace", "password")]
    [InlineData("ok@example.com", "nouppercase1", "mentee", "Ada", "Lovelace", "password")]
    [InlineData("ok@example.com", "NOLOWERCASE1", "mentee", "Ada", "Lovelace", "password")]
    [InlineData("ok@example.com", "NoDigitsHere", "mentee", "Ada", "Lovelace", "password")]
    [InlineData("ok@example.com", Password, "admin", "Ada", "Lovelace", "role")]
    [InlineData("ok@example.com", Password, "owner", "Ada", "Lovelace", "role")]
    [InlineData("ok@example.com", Password, "mentee", " ", "Lovelace", "firstName")]
    [InlineData("ok@example.com", Password, "mentee", "Ada", "", "lastName")]
    public async Task Bad_registrations_are_field_errors_and_create_nothing(
        string email, string password, string role, string firstName, string lastName, string field)
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password, role, firstName, lastName });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Passwords_up_to_64_characters_are_accepted_but_more_than_72_bytes_are_refused()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var sixtyFour = "Aa1" + new string('x', 61);
        var seventyThreeBytes = "Aa1" + new string('é', 35); // 3 + 70 bytes in UTF-8, 38 characters

        var email = NewEmail();
        await RegisterAsync(client, email, password: sixtyFour);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email, sixtyFour)).StatusCode);

        Assert.Equal(73, Encoding.UTF8.GetByteCount(seventyThreeBytes));
        var refused = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = NewEmail(), password = seventyThreeBytes, role = "mentee", firstName = "A", lastName = "B" });
        var problem = await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("72 bytes", problem.GetProperty("errors").GetProperty("password")[0].GetString());
    }

    [Fact]
    public async Task An_email_registers_once_whatever_its_case_and_spacing()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        await RegisterAsync(client, "taken@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = " TAKEN@example.com", password = Password, role = "mentor", firstName = "A", lastName = "B" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.EndsWith("email-taken", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Registration_attempts_for_one_address_are_rate_limited()
    {
        await using var app = new MentoriApp(Database)
            .WithSetting("RateLimiting:Enabled", "true")
            .WithSetting("RateLimiting:RegisterPerAccount:PermitLimit", "2");
        var client = app.CreateClient();
        var body = new { email = "popular@example.com", password = Password, role = "mentee", firstName = "A", lastName = "B" };

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/auth/register", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/v1/auth/register", body)).StatusCode);
        var limited = await client.PostAsJsonAsync("/api/v1/auth/register", body);

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Fields_a_caller_may_not_set_are_ignored()
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new
        {
            email = "sneaky@example.com", password = Password, role = "mentee", firstName = "A", lastName = "B",
            isVerified = true, isActive = false, passwordHash = "x", id = Guid.Empty, unknown = 1,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = Database.NewContext();
        var user = await db.Users.SingleAsync();
        Assert.Equal((false, true, UserRole.Mentee), (user.IsVerified, user.IsActive, user.Role));
        Assert.NotEqual(Guid.Empty, user.Id);
        Assert.StartsWith("$2", user.PasswordHash);
    }
}

public sealed class RegistrationOnPostgres(PostgresServer server) : RegistrationTests(server);

public sealed class RegistrationOnSqlite(SqliteFiles server) : RegistrationTests(server);
