using System.Diagnostics;
using MimeKit;

namespace Mentori.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port (Debian's python3-aiosmtpd) that files every message it receives into
/// a maildir, so tests see what the SMTP path really delivered.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly Process _server;
    private readonly DirectoryInfo _maildir;

    private SmtpSink(Process server, DirectoryInfo maildir, int port)
    {
        _server = server;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts the sink on <paramref name="port"/>, or on a free port.</summary>
    public static async Task<SmtpSink> StartAsync(int? port = null)
    {
        if (!File.Exists(Python) || !Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"))
        {
            const string missing = "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)";
            if (TestEnvironment.IsCI)
            {
                throw new InvalidOperationException(missing);
            }

            Assert.Skip(missing);
        }

        var maildir = Directory.CreateTempSubdirectory("mentori-smtp-");
        var listenOn = port ?? LoopbackPort.Free();
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{listenOn}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(maildir.FullName, "mail") })
        {
            start.ArgumentList.Add(argument);
        }

        var server = Process.Start(start)!;
        var sink = new SmtpSink(server, maildir, listenOn);
        await LoopbackPort.WaitUntilListeningAsync(listenOn, server);
        return sink;
    }

    /// <summary>Waits (up to 10 s) for a message to <paramref name="to"/> to arrive.</summary>
    public async Task<MimeMessage> WaitForEmailAsync(string to)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var arrived = Path.Combine(_maildir.FullName, "mail", "new");
        while (true)
        {
            var message = Directory.Exists(arrived)
                ? Directory.GetFiles(arrived).Select(file => MimeMessage.Load(file))
                    .FirstOrDefault(m => m.To.ToString().Contains(to, StringComparison.OrdinalIgnoreCase))
                : null;
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Received()
    {
        var arrived = Path.Combine(_maildir.FullName, "mail", "new");
        return Directory.Exists(arrived) ? [.. Directory.GetFiles(arrived).Select(file => MimeMessage.Load(file))] : [];
    }

    public async ValueTask DisposeAsync()
    {
        _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _maildir.Delete(recursive: true);
    }
}
