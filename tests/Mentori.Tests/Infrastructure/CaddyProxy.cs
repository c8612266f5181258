using System.Diagnostics;

namespace Mentori.Tests.Infrastructure;

/// <summary>Caddy (Debian package) running the repository's <c>deploy/Caddyfile</c> on a loopback port, in front of given upstreams.</summary>
public sealed class CaddyProxy : IAsyncDisposable
{
    private const string Binary = "/usr/bin/caddy";

    private static readonly string Caddyfile = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../deploy/Caddyfile"));

    private readonly Process _caddy;
    private readonly DirectoryInfo _home;

    private CaddyProxy(Process caddy, DirectoryInfo home, Uri address)
    {
        _caddy = caddy;
        _home = home;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<CaddyProxy> StartAsync(IEnumerable<Uri> upstreams)
    {
        if (!File.Exists(Binary))
        {
            const string missing = "caddy is not installed (apt-get install caddy)";
            if (TestEnvironment.IsCI)
            {
                throw new InvalidOperationException(missing);
            }

            Assert.Skip(missing);
        }

        var port = LoopbackPort.Free();
        var home = Directory.CreateTempSubdirectory("mentori-caddy-");
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "run", "--adapter", "caddyfile", "--config", Caddyfile })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MENTORI_SITE"] = $"http://127.0.0.1:{port}";
        start.Environment["MENTORI_UPSTREAMS"] = string.Join(' ', upstreams.Select(upstream => upstream.Authority));
        start.Environment["MENTORI_PROXY_ADMIN"] = "off";
        start.Environment["HOME"] = home.FullName; // its autosave and data folders
        start.Environment["XDG_CONFIG_HOME"] = home.FullName;
        start.Environment["XDG_DATA_HOME"] = home.FullName;
        var caddy = Process.Start(start)!;
        caddy.BeginOutputReadLine();
        caddy.BeginErrorReadLine();
        var proxy = new CaddyProxy(caddy, home, new Uri($"http://127.0.0.1:{port}"));
        await LoopbackPort.WaitUntilListeningAsync(port, caddy);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        _caddy.Kill(entireProcessTree: true);
        await _caddy.WaitForExitAsync();
        _caddy.Dispose();
        _home.Delete(recursive: true);
    }
}
