using System.Net;
using Mentori.Tests.Host;

namespace Mentori.Tests.Accounts;

/// <summary>bcrypt runs a few at a time; a burst beyond what waits briefly is told to come back, never a 500.</summary>
public abstract class PasswordHashingTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Sign_ins_beyond_the_hashers_queue_get_503_with_retry_after()
    {
        await using var app = new MentoriApp(Database)
            .WithSetting("Auth:BcryptWorkFactor", "12")
            .WithSetting("Auth:BcryptConcurrency", "1")
            .WithSetting("Auth:BcryptQueueLimit", "1")
            .WithSetting("Auth:BcryptMaxWait", "00:00:00.050");
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => LoginAsync(app.CreateClient(), email))));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, r.StatusCode.ToString()));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var turnedAway = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(turnedAway);
        foreach (var response in turnedAway)
        {
            var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.EndsWith(":busy", problem.GetProperty("type").GetString());
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), response.Headers.ToString());
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Sign_ins_turned_away_busy_do_not_count_as_failures_of_the_account()
    {
        // One account whose hash takes over a second to check keeps the only hashing slot busy meanwhile.
        var slow = TestData.NewUser(Mentori.Data.Entities.UserRole.Mentee);
        slow.PasswordHash = BCrypt.Net.BCrypt.HashPassword(Password, 14);
        await using (var db = Database.NewContext())
        {
            db.Users.Add(slow);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var app = new MentoriApp(Database).WithPeerAddresses()
            .WithSetting("Auth:BcryptConcurrency", "1")
            .WithSetting("Auth:BcryptQueueLimit", "0")
            .WithSetting("RateLimiting:Enabled", "true");
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var client = app.CreateClient().From("198.51.100.20");

        // Each round, the slow sign-in may find the slot taken by one of ours; then it tries again.
        var turnedAway = 0;
        while (turnedAway < 6)
        {
            var slowSignIn = LoginAsync(app.CreateClient().From("203.0.113.7"), slow.Email);
            while (turnedAway < 6 && !slowSignIn.IsCompleted)
            {
                var response = await LoginAsync(client, email);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, response.StatusCode.ToString());
                turnedAway += response.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
            }

            await slowSignIn;
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email)).StatusCode);
    }

    [Fact]
    public async Task A_hasher_without_a_turn_for_anyone_is_refused_at_startup()
    {
        await using var app = new MentoriApp(Database).WithSetting("Auth:BcryptConcurrency", "0");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => app.CreateClient()));

        Assert.Contains("BcryptConcurrency", failure.ToString());
    }
}

public sealed class PasswordHashingOnPostgres(PostgresServer server) : PasswordHashingTests(server);

public sealed class PasswordHashingOnSqlite(SqliteFiles server) : PasswordHashingTests(server);
