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

    /// <summary>The server itself, listening on <paramref name="port"/> once this returns; <c>kill -9</c> or dispose it.</summary>
    public static async Task<ServerProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("mentori-server-");
        var start = StartInfo(["--urls", $"http://127.0.0.1:{port}"], environment, workingDirectory);
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, workingDirectory, new Uri($"http://127.0.0.1:{port}"));
        await LoopbackPort.WaitUntilListeningAsync(port, process);
        return server;
    }

    public static Dictionary<string, string> DatabaseEnvironment(TestDatabase database) => new()
    {
        ["Database__Provider"] = database.Provider.ToString().ToLowerInvariant(),
        ["ConnectionStrings__Mentori"] = database.ConnectionString,
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
public sealed class ServerProcess(Process process, DirectoryInfo workingDirectory, Uri address) : IAsyncDisposable
{
    public HttpClient CreateClient() => new() { BaseAddress = address };

    /// <summary>Ends it as a crash would: no graceful stop, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        workingDirectory.Delete(recursive: true);
    }
}
