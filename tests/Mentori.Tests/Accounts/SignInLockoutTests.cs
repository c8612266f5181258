using System.Net;
using Mentori.Tests.Host;

namespace Mentori.Tests.Accounts;

/// <summary>
/// Failed sign-ins lock out the address they come from, not the account's owner; a slower ceiling per account stops
/// guesses spread over many addresses; with Redis, every instance counts the same failures.
/// </summary>
public abstract class SignInLockoutTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private const string WrongPassword = "Wrong-passw0rd";

    [Fact]
    public async Task Failures_from_one_address_lock_out_that_address_and_not_the_owner_elsewhere()
    {
        await using var app = LimitedApp();
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var attacker = app.CreateClient().From("203.0.113.7");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(attacker, email, WrongPassword)).StatusCode);
        }

        var lockedOut = await LoginAsync(attacker, email);
        var owner = await LoginAsync(app.CreateClient().From("198.51.100.20"), email);

        await AssertProblemAsync(lockedOut, HttpStatusCode.TooManyRequests);
        Assert.InRange(lockedOut.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task Past_the_accounts_ceiling_an_address_that_failed_is_locked_out_and_the_owner_from_a_clean_one_is_not()
    {
        await using var app = LimitedApp()
            .WithSetting("RateLimiting:SignInFailuresPerAccount:PermitLimit", "6")
            .WithSetting("RateLimiting:SignInFailuresPerAccount:Window", "01:00:00");
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var status = (await LoginAsync(app.CreateClient().From($"203.0.113.{attempt + 1}"), email, WrongPassword)).StatusCode;
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }

        // 203.0.113.1 failed once, far below its own five, but the account has had its six.
        var fromAnAddressThatFailed = await LoginAsync(app.CreateClient().From("203.0.113.1"), email);
        var guessFromANewAddress = await LoginAsync(app.CreateClient().From("203.0.113.100"), email, WrongPassword);
        var secondGuessFromIt = await LoginAsync(app.CreateClient().From("203.0.113.100"), email, WrongPassword);
        var ownerFromAClean = await LoginAsync(app.CreateClient().From("198.51.100.20"), email);

        await AssertProblemAsync(fromAnAddressThatFailed, HttpStatusCode.TooManyRequests);
        Assert.InRange(fromAnAddressThatFailed.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 3600);
        Assert.Equal(HttpStatusCode.Unauthorized, guessFromANewAddress.StatusCode);
        await AssertProblemAsync(secondGuessFromIt, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, ownerFromAClean.StatusCode);
    }

    [Fact]
    public async Task Guesses_sent_at_the_same_moment_get_no_more_tries_than_one_after_another()
    {
        await using var app = LimitedApp().WithSetting("Auth:BcryptQueueLimit", "100").WithSetting("Auth:BcryptMaxWait", "00:01:00");
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => LoginAsync(app.CreateClient().From("203.0.113.7"), email, WrongPassword))));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Correct_passwords_spend_nothing()
    {
        await using var app = LimitedApp();
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var client = app.CreateClient().From("203.0.113.7");

        for (var attempt = 0; attempt < 8; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email)).StatusCode);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, email, WrongPassword)).StatusCode);
        }

        await AssertProblemAsync(await LoginAsync(client, email), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_ipv6_client_is_counted_by_its_64_bit_prefix()
    {
        await using var app = new MentoriApp(Database).WithPeerAddresses()
            .WithSetting("RateLimiting:Enabled", "true")
            .WithSetting("RateLimiting:SignInPerIp:PermitLimit", "2")
            .WithSetting("RateLimiting:SignInPerIp:Window", "00:10:00");

        var first = await LoginAsync(app.CreateClient().From("2001:db8:1:2::1"), NewEmail(), WrongPassword);
        var second = await LoginAsync(app.CreateClient().From("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), NewEmail(), WrongPassword);
        var thirdInTheSamePrefix = await LoginAsync(app.CreateClient().From("2001:db8:1:2:ffff::9"), NewEmail(), WrongPassword);
        var anotherPrefix = await LoginAsync(app.CreateClient().From("2001:db8:1:3::1"), NewEmail(), WrongPassword);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], [first.StatusCode, second.StatusCode]);
        await AssertProblemAsync(thirdInTheSamePrefix, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.Unauthorized, anotherPrefix.StatusCode);
    }

    [Fact]
    public async Task With_redis_the_failures_counted_on_one_instance_lock_out_the_address_on_another()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var one = LimitedApp().WithSetting("Redis:ConnectionString", redis.ConnectionString);
        await using var two = LimitedApp().WithSetting("Redis:ConnectionString", redis.ConnectionString);
        var email = NewEmail();
        await RegisterAsync(one.CreateClient(), email);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var instance = attempt % 2 == 0 ? one : two;
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(instance.CreateClient().From("203.0.113.7"), email, WrongPassword)).StatusCode);
        }

        await AssertProblemAsync(await LoginAsync(one.CreateClient().From("203.0.113.7"), email), HttpStatusCode.TooManyRequests);
        await AssertProblemAsync(await LoginAsync(two.CreateClient().From("203.0.113.7"), email), HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(two.CreateClient().From("198.51.100.20"), email)).StatusCode);
    }

    [Fact]
    public async Task With_redis_unreachable_sign_ins_go_on_without_the_account_limits()
    {
        await using var app = LimitedApp().WithSetting("Redis:ConnectionString", $"127.0.0.1:{LoopbackPort.Free()},connectTimeout=200");
        var email = NewEmail();
        await RegisterAsync(app.CreateClient(), email);
        var client = app.CreateClient().From("203.0.113.7");

        for (var attempt = 0; attempt < 6; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, email, WrongPassword)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email)).StatusCode);
    }

    /// <summary>The per-account limits at their defaults; the per-address sign-in limit out of the way.</summary>
    private MentoriApp LimitedApp() => new MentoriApp(Database).WithPeerAddresses()
        .WithSetting("RateLimiting:Enabled", "true")
        .WithSetting("RateLimiting:SignInPerIp:PermitLimit", "1000")
        .WithSetting("RateLimiting:RegisterPerIp:PermitLimit", "1000");
}

public sealed class SignInLockoutOnPostgres(PostgresServer server) : SignInLockoutTests(server);

public sealed class SignInLockoutOnSqlite(SqliteFiles server) : SignInLockoutTests(server);
