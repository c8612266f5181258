using System.Diagnostics;

namespace Mentori.Tests.Infrastructure;

/// <summary>Runs the built server as an operator would: <c>dotnet Mentori.Server.dll &lt;command&gt;</c>, configured by environment variables.</summary>
public static class ServerCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("mentori-command-");
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

        try
        {
            using var process = Process.Start(start)!;
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

    public static Dictionary<string, string> DatabaseEnvironment(TestDatabase database) => new()
    {
        ["Database__Provider"] = database.Provider.ToString().ToLowerInvariant(),
        ["ConnectionStrings__Mentori"] = database.ConnectionString,
    };
}
