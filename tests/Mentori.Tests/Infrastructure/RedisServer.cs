using System.Diagnostics;

namespace Mentori.Tests.Infrastructure;

/// <summary>A throw-away redis-server (Debian package) on a loopback port, in memory only, for the SignalR backplane.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/redis-server";

    private readonly Process _server;

    private RedisServer(Process server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A new server on a free port, or on <paramref name="port"/> (the one a stopped server had: Redis coming back).</summary>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        if (!File.Exists(Binary))
        {
            const string missing = "redis-server is not installed (apt-get install redis-server)";
            if (TestEnvironment.IsCI)
            {
                throw new InvalidOperationException(missing);
            }

            Assert.Skip(missing);
        }

        var listening = port ?? LoopbackPort.Free();
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", listening.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--protected-mode", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var server = Process.Start(start)!;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var redis = new RedisServer(server, listening);
        await LoopbackPort.WaitUntilListeningAsync(listening, server);
        return redis;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
    }
}
