using System.Net;
using Mentori.Tests.Host;
using Mentori.Tests.Infrastructure;

namespace Mentori.Tests.Accounts;

/// <summary>
/// Failed sign-ins lock out the address they come from, not the account's owner; a slower ceiling per account stops
/// guesses spread over many addresses; with Redis, every instance counts the same failures.
/// </summary>
public abstract class SignInLockoutTests(ITestDatabaseServer server) : AccountsTestBase(server)
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

        await HostTests.AssertProblemAsync(lockedOut, HttpStatusCode.TooManyRequests);
        Assert.InRange(lockedOut.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task Failures_spread_over_many_addresses_reach_the_slower_ceiling_of_the_account()
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

        var fromAFreshAddress = await LoginAsync(app.CreateClient().From("198.51.100.20"), email);
        var otherAccount = NewEmail();
        await RegisterAsync(app.CreateClient(), otherAccount);

        await HostTests.AssertProblemAsync(fromAFreshAddress, HttpStatusCode.TooManyRequests);
        Assert.InRange(fromAFreshAddress.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 3600);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(app.CreateClient().From("198.51.100.20"), otherAccount)).StatusCode);
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
        await HostTests.AssertProblemAsync(thirdInTheSamePrefix, HttpStatusCode.TooManyRequests);
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

        await HostTests.AssertProblemAsync(await LoginAsync(one.CreateClient().From("203.0.113.7"), email), HttpStatusCode.TooManyRequests);
        await HostTests.AssertProblemAsync(await LoginAsync(two.CreateClient().From("203.0.113.7"), email), HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(two.CreateClient().From("198.51.100.20"), email)).StatusCode);
    }

    /// <summary>The per-account limits at their defaults; the per-address sign-in limit out of the way.</summary>
    private MentoriApp LimitedApp() => new MentoriApp(Database).WithPeerAddresses()
        .WithSetting("RateLimiting:Enabled", "true")
        .WithSetting("RateLimiting:SignInPerIp:PermitLimit", "1000")
        .WithSetting("RateLimiting:RegisterPerIp:PermitLimit", "1000");
}

public sealed class SignInLockoutOnPostgres(PostgresServer server) : SignInLockoutTests(server);

public sealed class SignInLockoutOnSqlite(SqliteFiles server) : SignInLockoutTests(server);
