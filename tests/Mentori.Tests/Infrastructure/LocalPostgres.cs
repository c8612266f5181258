namespace Mentori.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server started from the installed binaries in a temporary folder, listening only on a Unix
/// socket in that folder, tuned for tests (no fsync, deadlocks found after 100 ms instead of 1 s). PostgreSQL refuses to run as root, so as root the folder
/// is handed to the <c>postgres</c> user and the binaries run under <c>runuser</c>.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const int Port = 5432;
    private readonly string _binaries;
    private readonly string _folder;

    private LocalPostgres(string binaries, string folder)
    {
        _binaries = binaries;
        _folder = folder;
    }

    public string ConnectionString => $"Host={_folder};Port={Port};Username=postgres;Database=postgres;Maximum Pool Size=200";

    public static async Task<LocalPostgres> StartAsync()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException("no initdb found under /usr/lib/postgresql/*/bin or on PATH");
        var folder = Directory.CreateTempSubdirectory("mentori-pg-").FullName;
        var server = new LocalPostgres(binaries, folder);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder]);
        }

        await server.RunPostgresAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartAgainAsync();
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>An immediate stop, as in a crash: no checkpoint, every connection cut.</summary>
    public Task StopAsync() => RunPostgresAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => RunPostgresAsync("pg_ctl", [
        "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", $"-k {_folder} -c listen_addresses='' -p {Port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c deadlock_timeout=100ms",
        "start",
    ]);

    /// <summary>A connection string to another database of this server.</summary>
    public string ConnectionStringFor(string database) => ConnectionString.Replace("Database=postgres", $"Database={database}", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPostgresAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return installed ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")));
    }

    private Task RunPostgresAsync(string program, string[] arguments)
    {
        var path = Path.Combine(_binaries, program);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var result = await ExternalTool.RunAsync(program, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {result.ExitCode}: {result.Error}{result.Output}");
        }
    }
}
