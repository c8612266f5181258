namespace Mentori.Tests.Infrastructure;

/// <summary>
/// A folder on a file system of its own, a small tmpfs, filled up but for <c>free</c> bytes: writing more fails with
/// ENOSPC, as on a full disk. Mounting needs root (as the suite runs in CI); elsewhere the test is skipped.
/// </summary>
public sealed class FullDisk : IAsyncDisposable
{
    private FullDisk(string path, string filler)
    {
        Path = path;
        Filler = filler;
    }

    public string Path { get; }

    private string Filler { get; }

    public static async Task<FullDisk> MountAsync(long free = 0)
    {
        var path = Directory.CreateTempSubdirectory("mentori-full-").FullName;
        var mounted = await ExternalTool.RunAsync("mount", "-t", "tmpfs", "-o", "size=1m,mode=0777", "tmpfs", path);
        if (mounted.ExitCode != 0)
        {
            Directory.Delete(path);
            var missing = $"a full disk needs a tmpfs mount, which failed: {mounted.Error.Trim()}";
            if (TestEnvironment.IsCI)
            {
                throw new InvalidOperationException(missing);
            }

            Assert.Skip(missing);
        }

        var filler = System.IO.Path.Combine(path, ".filler");
        await using (var file = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            var block = new byte[4096];
            try
            {
                while (true)
                {
                    await file.WriteAsync(block);
                }
            }
            catch (IOException)
            {
                // full
            }

            file.SetLength(Math.Max(0, file.Length - free));
        }

        return new FullDisk(path, filler);
    }

    /// <summary>The files in the folder but the filler.</summary>
    public IReadOnlyList<string> Files(string? under = null) =>
        [.. Directory.EnumerateFiles(under is null ? Path : System.IO.Path.Combine(Path, under), "*", SearchOption.AllDirectories)
            .Where(file => file != Filler).Select(file => System.IO.Path.GetRelativePath(Path, file)).Order()];

    public async ValueTask DisposeAsync()
    {
        await ExternalTool.RunAsync("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }
}
