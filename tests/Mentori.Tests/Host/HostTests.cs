using System.Net;
using System.Net.Http.Json;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Host;

/// <summary>What the host itself answers, before any feature: health, the API description, and its errors.</summary>
public abstract class HostTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_while_the_database_answers(string path)
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_while_the_database_is_unreachable_and_200_when_it_is_back()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await using (await MakeUnreachableAsync(Database))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_does_no_database_work_before_its_202_for_known_and_unknown_addresses()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var known = $"known-{Guid.NewGuid():N}@example.com";
        var registered = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = known, password = "Corr3ct-horse", role = "mentee", firstName = "Ada", lastName = "Lovelace" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        // With the database gone, any lookup before the answer would turn it into a 503.
        HttpResponseMessage forKnown, forUnknown;
        await using (await MakeUnreachableAsync(Database))
        {
            forKnown = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = known });
            forUnknown = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "nobody@example.com" });
        }

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_interactive_api_reference_is_served_in_development_only()
    {
        await using var development = new MentoriApp(Database, "Development");
        await using var production = new MentoriApp(Database, "Production");

        var client = development.CreateClient();
        var page = await client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("\"openapi/v1.json\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/scalar.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await production.CreateClient().GetAsync("/scalar/v1")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing")]
    [InlineData("POST", "/api/v1/no-such-thing")]
    [InlineData("DELETE", "/api")]
    public async Task An_unknown_api_route_is_a_404_problem(string method, string path)
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(path, problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_without_internals_outside_development()
    {
        await using var app = new MentoriApp(Database, "Production").WithSetting("Auth:Jwt:SigningKey", MentoriApp.SigningKey)
            .WithServices(services => services.AddSingleton<IStartupFilter>(new ThrowingEndpoint(() => new InvalidOperationException(ThrowingEndpoint.Secret))));

        var response = await app.CreateClient().GetAsync(ThrowingEndpoint.Path);

        await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ThrowingEndpoint.Secret, body);
        Assert.DoesNotContain(nameof(ThrowingEndpoint), body);
    }

    /// <summary>
    /// Npgsql's reader throws a NullReferenceException of its own, now and then, when a connection breaks as a command
    /// starts (bench/faults.sh): a broken connection, so a 503 to try again. Here Npgsql throws one on purpose (an
    /// address it cannot parse); one thrown by our code stays a 500.
    /// </summary>
    [Theory]
    [InlineData("inside Npgsql", HttpStatusCode.ServiceUnavailable)]
    [InlineData("in our code", HttpStatusCode.InternalServerError)]
    public async Task A_null_reference_inside_the_database_driver_is_a_503_and_one_in_our_code_a_500(string where, HttpStatusCode expected)
    {
#pragma warning disable CS0618 // NpgsqlCidr is obsolete, and one of the few ways to make Npgsql itself dereference null
        var thrown = where == "inside Npgsql"
            ? Assert.Throws<NullReferenceException>(() => _ = new NpgsqlTypes.NpgsqlCidr(null!))
            : Assert.Throws<NullReferenceException>(() => _ = ((string)null!).Length);
#pragma warning restore CS0618
        await using var app = new MentoriApp(Database)
            .WithServices(services => services.AddSingleton<IStartupFilter>(new ThrowingEndpoint(() => thrown)));

        var response = await app.CreateClient().GetAsync(ThrowingEndpoint.Path);

        await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task Outside_development_the_host_does_not_start_without_a_signing_key()
    {
        await using var app = new MentoriApp(Database, "Production").WithSetting("Auth:Jwt:SigningKey", null);

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Auth:Jwt:SigningKey", failure.Message);
    }

    [Fact]
    public async Task A_rate_limit_without_permits_is_refused_at_startup()
    {
        await using var app = new MentoriApp(Database).WithSetting("RateLimiting:SignInPerIp:PermitLimit", "0");

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("RateLimiting:SignInPerIp", failure.Message);
    }

    [Fact]
    public async Task A_signing_key_shorter_than_32_bytes_is_refused_at_startup()
    {
        await using var app = new MentoriApp(Database).WithSetting("Auth:Jwt:SigningKey", "too-short");

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("at least 32 bytes", failure.Message);
    }

    [Theory]
    [InlineData("Email:From", "not an address")]
    [InlineData("Email:Outbox:BatchSize", "0")]
    [InlineData("Email:Outbox:LeaseTime", "00:00:00")]
    public async Task Email_settings_that_could_not_send_are_refused_at_startup(string key, string value)
    {
        await using var app = new MentoriApp(Database).WithSetting(key, value);

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(key.Split(':')[1] == "From" ? "Email:From" : "Email:Outbox", failure.Message);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_field()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        var broken = await client.PostAsync("/api/v1/auth/login", new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json"));
        var wrongType = await client.PostAsync("/api/v1/auth/login", new StringContent("{\"email\": 42}", System.Text.Encoding.UTF8, "application/json"));

        var brokenProblem = await AssertProblemAsync(broken, HttpStatusCode.BadRequest);
        Assert.True(brokenProblem.TryGetProperty("errors", out _));
        var wrongTypeProblem = await AssertProblemAsync(wrongType, HttpStatusCode.BadRequest);
        Assert.True(wrongTypeProblem.GetProperty("errors").TryGetProperty("email", out _), wrongTypeProblem.ToString());
    }

    [Fact]
    public async Task A_number_sent_as_a_string_is_a_400_problem_naming_the_field()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var registered = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = $"m-{Guid.NewGuid():N}@example.com", password = "Corr3ct-horse", role = "mentor", firstName = "Ada", lastName = "Lovelace" });
        client.WithBearer((await registered.JsonAsync()).GetProperty("accessToken").GetString()!);

        var response = await client.PutAsJsonAsync("/api/v1/me/profile", new { firstName = "Ada", lastName = "Lovelace", yearsExperience = "5" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("yearsExperience", out _), problem.ToString());
    }

    [Fact]
    public async Task A_missing_body_is_a_400_problem()
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().PostAsync("/api/v1/auth/login", new StringContent("", System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().PostAsync("/api/v1/auth/login", new StringContent("email=a@b.c", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_on_a_real_kestrel_server()
    {
        await using var app = new MentoriApp(Database);
        app.UseKestrel(0);
        app.StartServer();
        var oversized = "{\"email\": \"" + new string('a', 2 * 1024 * 1024) + "\"}";

        var response = await app.CreateClient().PostAsync("/api/v1/auth/login", new StringContent(oversized, System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_account_request_over_16_kb_is_a_413_problem_before_it_is_read()
    {
        await using var app = new MentoriApp(Database);
        app.UseKestrel(0);
        app.StartServer();
        var oversized = "{\"email\": \"" + new string('a', 20 * 1024) + "@example.com\", \"password\": \"x\"}";

        var response = await app.CreateClient().PostAsync("/api/v1/auth/login", new StringContent(oversized, System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>Makes the test's database refuse connections until disposed.</summary>
    protected abstract Task<IAsyncDisposable> MakeUnreachableAsync(TestDatabase database);

    /// <summary>A request path that throws deep inside the pipeline, behind the application's own middleware.</summary>
    private sealed class ThrowingEndpoint(Func<Exception> exception) : IStartupFilter
    {
        public const string Path = "/test/throw";
        public const string Secret = "connection password is hunter2";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) =>
            {
                if (context.Request.Path == Path)
                {
                    // As an await does: an exception thrown before keeps the stack it was first thrown with.
                    ExceptionDispatchInfo.Throw(exception());
                }

                return Task.CompletedTask;
            });
        };
    }
}
