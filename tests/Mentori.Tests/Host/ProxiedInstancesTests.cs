using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;

namespace Mentori.Tests.Host;

/// <summary>
/// Issue 17: compose.yaml's topology on loopback, where Docker does not run: two server processes on one PostgreSQL
/// and one Redis, behind Caddy with the repository's own <c>deploy/Caddyfile</c>. A browser signed in through the
/// proxy stays signed in when the instance it was kept on is killed (<c>kill -9</c>), first one and then the other:
/// the proxy sends it to the survivor, which reads the same cookie key ring.
/// </summary>
public sealed class ProxiedInstancesTests(PostgresServer postgres) : DatabaseTest(postgres)
{
    [Fact(Timeout = 180_000)]
    public async Task A_signed_in_browser_stays_signed_in_through_the_proxy_when_either_instance_dies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync();
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var ports = new[] { LoopbackPort.Free(), LoopbackPort.Free() };
        var outbox = Directory.CreateTempSubdirectory("mentori-proxied-outbox-");
        var environment = ServerCommand.ServerEnvironment(Database);
        environment["Redis__ConnectionString"] = redis.ConnectionString;
        environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        environment["Email__PickupDirectory"] = outbox.FullName;
        var instances = new ServerProcess?[2];
        try
        {
            for (var i = 0; i < 2; i++)
            {
                instances[i] = await ServerCommand.StartAsync(ports[i], environment);
            }

            await using var proxy = await CaddyProxy.StartAsync(ports.Select(port => new Uri($"http://127.0.0.1:{port}")));
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = proxy.Address };
            var signIn = await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = mentee.Email, password = Password }, ct);
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

            var answers = new List<HttpStatusCode>();
            for (var victim = 0; victim < 2; victim++)
            {
                await instances[victim]!.KillAsync();
                answers.Add((await browser.GetAsync("/api/v1/me", ct)).StatusCode);
                await instances[victim]!.DisposeAsync();
                instances[victim] = await ServerCommand.StartAsync(ports[victim], environment);
            }

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], answers);
        }
        finally
        {
            foreach (var instance in instances)
            {
                if (instance is not null)
                {
                    await instance.DisposeAsync();
                }
            }

            outbox.Delete(recursive: true);
        }
    }
}
