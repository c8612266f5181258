using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Host;

/// <summary>Writes that cost others (emails, stored files) are limited per user; every write has a ceiling too.</summary>
public abstract class WriteLimitTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Session_requests_are_limited_per_mentee_and_the_refused_one_is_not_stored()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var spammer = await Database.SeedUserAsync(UserRole.Mentee);
        var other = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = Limited("SessionRequestsPerUser", 2);
        var client = await SignInAsync(app, spammer);

        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(client, mentor.Id, TestData.NextYearAt(8))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(client, mentor.Id, TestData.NextYearAt(10))).StatusCode);
        var refused = await RequestAsync(client, mentor.Id, TestData.NextYearAt(12), menteeNotes: "Buy cheap watches");

        await AssertLimitedAsync(refused);
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(await SignInAsync(app, other), mentor.Id, TestData.NextYearAt(14))).StatusCode);
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.Sessions.CountAsync(s => s.MenteeId == spammer.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Messages_are_limited_per_sender()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        await using var app = Limited("MessagesPerUser", 2);
        var client = await SignInAsync(app, mentee);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/messages", new { receiverId = mentor.Id, content = $"Hello {i}" })).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/v1/messages", new { receiverId = mentor.Id, content = "Hello again" });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], statuses);
        await AssertLimitedAsync(refused);
        var reply = await (await SignInAsync(app, mentor)).PostAsJsonAsync("/api/v1/messages", new { receiverId = mentee.Id, content = "Hi" });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
    }

    [Fact]
    public async Task Photo_uploads_are_limited_per_user()
    {
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = Limited("PhotoUploadsPerUser", 1);
        var client = await SignInAsync(app, mentee);

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/me/profile/image", Photo())).StatusCode);
        await AssertLimitedAsync(await client.PutAsync("/api/v1/me/profile/image", Photo()));
    }

    [Fact]
    public async Task Every_write_counts_against_one_ceiling_per_user_while_reads_do_not()
    {
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = Limited("WritesPerUser", 3);
        var client = await SignInAsync(app, mentee);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/v1/me/profile", new { firstName = $"Ada{i}", lastName = "L" })).StatusCode);
        }

        var refused = await client.PutAsJsonAsync("/api/v1/me/profile", new { firstName = "Eve", lastName = "L" });

        await AssertLimitedAsync(refused);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me/profile")).StatusCode);
        Assert.Equal("Ada2", (await (await client.GetAsync("/api/v1/me/profile")).JsonAsync()).GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Email_verifications_are_limited_per_address()
    {
        await using var app = Limited("VerifyEmailPerIp", 2);
        var client = app.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = $"guess-{i}" })).StatusCode);
        }

        await AssertLimitedAsync(await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = "guess-3" }));
    }

    [Fact]
    public async Task With_redis_a_users_writes_on_two_instances_count_against_one_limit()
    {
        await using var redis = await RedisServer.StartAsync();
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        await using var one = Limited("MessagesPerUser", 3).WithSetting("Redis:ConnectionString", redis.ConnectionString);
        await using var two = Limited("MessagesPerUser", 3).WithSetting("Redis:ConnectionString", redis.ConnectionString);
        HttpClient[] instances = [await SignInAsync(one, mentee), await SignInAsync(two, mentee)];

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await instances[i % 2].PostAsJsonAsync("/api/v1/messages", new { receiverId = mentor.Id, content = $"Hello {i}" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], statuses);
        await AssertLimitedAsync(await instances[1].PostAsJsonAsync("/api/v1/messages", new { receiverId = mentor.Id, content = "One too many" }));
        await AssertLimitedAsync(await instances[0].PostAsJsonAsync("/api/v1/messages", new { receiverId = mentor.Id, content = "One too many" }));
    }

    private MentoriApp Limited(string rule, int permits) => new MentoriApp(Database)
        .WithSetting("RateLimiting:Enabled", "true")
        .WithSetting($"RateLimiting:{rule}:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithSetting($"RateLimiting:{rule}:Window", "01:00:00");

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.EndsWith("rate-limited", problem.GetProperty("type").GetString());
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 3600);
    }

    private static MultipartFormDataContent Photo()
    {
        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "me.png" } };
    }
}

public sealed class WriteLimitOnPostgres(PostgresServer server) : WriteLimitTests(server);

public sealed class WriteLimitOnSqlite(SqliteFiles server) : WriteLimitTests(server);
