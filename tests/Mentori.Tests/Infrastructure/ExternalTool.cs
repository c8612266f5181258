using System.ComponentModel;
using System.Diagnostics;

namespace Mentori.Tests.Infrastructure;

/// <summary>Runs a program of the machine (initdb, mount, chown …) to its end, with what it printed.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The program's exit code and output; a program that cannot be started exits with -1 and says why.</summary>
    public static async Task<Result> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new Result(process.ExitCode, await output, await error);
        }
        catch (Win32Exception exception)
        {
            return new Result(-1, "", exception.Message);
        }
    }
}
