using System.Diagnostics;

namespace Mentori.Tests.Infrastructure;

/// <summary>Runs the built server as an operator would: <c>dotnet Mentori.Server.dll &lt;command&gt;</c>, configured by environment variables.</summary>
public static class ServerCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("mentori-command-");
        try
        {
            using var process = Process.Start(StartInfo(arguments, environment, workingDirectory))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await output, await error);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The server itself, listening on <paramref name="port"/> once this returns; stop it with SIGTERM, <c>kill -9</c>
    /// it, or dispose it. Its console output is kept, for a test to wait for a line.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("mentori-server-");
        var process = new Process { StartInfo = StartInfo(["--urls", $"http://127.0.0.1:{port}"], environment, workingDirectory) };
        var server = new ServerProcess(process, workingDirectory, new Uri($"http://127.0.0.1:{port}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await LoopbackPort.WaitUntilListeningAsync(port, process);
        return server;
    }

    public static Dictionary<string, string> DatabaseEnvironment(TestDatabase database) => new()
    {
        ["Database__Provider"] = database.Provider.ToString().ToLowerInvariant(),
        ["ConnectionStrings__Mentori"] = database.ConnectionString,
    };

    /// <summary>What a server process needs besides its database: the tests' JWT key (shared by every instance), no backups.</summary>
    public static Dictionary<string, string> ServerEnvironment(TestDatabase database) => new(DatabaseEnvironment(database))
    {
        ["Auth__Jwt__SigningKey"] = MentoriApp.SigningKey,
        ["Backups__Enabled"] = "false",
    };

    private static ProcessStartInfo StartInfo(string[] arguments, IReadOnlyDictionary<string, string> environment, DirectoryInfo workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory.FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mentori.Server.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}

/// <summary>A running server process.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly DirectoryInfo _workingDirectory;
    private readonly Uri _address;
    private readonly List<string> _output = [];
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource Seen)> _waiting = [];

    public ServerProcess(Process process, DirectoryInfo workingDirectory, Uri address)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        _address = address;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
    }

    public HttpClient CreateClient() => new() { BaseAddress = _address };

    /// <summary>Completes when the server writes a line that matches, or has written one already.</summary>
    public Task WaitForOutputAsync(Func<string, bool> matches)
    {
        lock (_output)
        {
            if (_output.Any(matches))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((matches, seen));
            return seen.Task;
        }
    }

    /// <summary>Asks it to stop as an orchestrator does (SIGTERM), and returns its exit code once it has.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        Assert.Equal(0, Kill(_process.Id, SigTerm));
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
            foreach (var waiter in _waiting.Where(w => w.Matches(line)).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Seen.TrySetResult();
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Ends it as a crash would: no graceful stop, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _workingDirectory.Delete(recursive: true);
    }
}
