using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mentori.Tests.Infrastructure;

/// <summary>Ports on 127.0.0.1 for the helper servers the tests start (SMTP, Redis).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits (up to 15 s) until <paramref name="server"/> accepts connections on <paramref name="port"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException) when (!server.HasExited)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
    }
}
