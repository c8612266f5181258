using System.Diagnostics;

namespace Mentori.Tests.Backups;

/// <summary>The walkthrough of docs/operations.md, run for real: a copy recovered to a noted moment has what was there then, and no more.</summary>
public sealed class PointInTimeRecoveryTests
{
    [Fact]
    public async Task Recovery_to_a_noted_moment_brings_back_the_rows_written_before_it_and_not_those_after()
    {
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../ops/pitr-walkthrough.sh"));
        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            if (TestEnvironment.IsCI)
            {
                throw new InvalidOperationException("PostgreSQL is not installed");
            }

            Assert.Skip("PostgreSQL is not installed");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"mentori-pitr-{Guid.NewGuid():N}");
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : "bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])(asRoot ? ["-u", "postgres", "--", "bash", script, folder, $"{LoopbackPort.Free()}"] : [script, folder, $"{LoopbackPort.Free()}"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var printed = await output;

        Assert.True(process.ExitCode == 0, printed + await error);
        var restored = printed[printed.LastIndexOf("SELECT content", StringComparison.Ordinal)..];
        Assert.Contains("before 1", restored);
        Assert.Contains("before 3", restored);
        Assert.DoesNotContain("after", restored);
        Assert.Contains("(3 rows)", restored);
        if (asRoot)
        {
            using var cleanup = Process.Start("rm", ["-rf", folder]);
            await cleanup!.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
