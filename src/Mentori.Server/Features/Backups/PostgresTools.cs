using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Mentori.Server.Features.Backups;

/// <summary>
/// PostgreSQL's client programs (pg_dump, pg_restore), run with the configured database's connection in their
/// environment, so no password appears on a command line. They must be at least as new as the server.
/// </summary>
public sealed partial class PostgresTools(string connectionString, string? toolsDirectory)
{
    private readonly NpgsqlConnectionStringBuilder _connection = new(connectionString);

    public string Database => _connection.Database ?? throw new BackupException("The connection string names no database.");

    /// <summary>Runs <paramref name="tool"/>; its standard output, or <see cref="BackupException"/> with its first error line.</summary>
    public async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Find(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        SetEnvironment(start);
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var line = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            throw new BackupException($"{tool} failed: {line ?? $"exit code {process.ExitCode}"}");
        }

        return await output;
    }

    /// <summary>Refuses tools older than the server: an old pg_dump cannot read a newer server's catalog.</summary>
    public async Task EnsureNewEnoughAsync(CancellationToken cancellationToken)
    {
        var version = await RunAsync("pg_dump", ["--version"], cancellationToken);
        var match = MajorVersion().Match(version);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var server = connection.PostgreSqlVersion.Major;
        if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) < server)
        {
            throw new BackupException($"pg_dump is {version.Trim()}, older than the server ({server}); set Backups:PostgresToolsDirectory to the tools of PostgreSQL {server} or newer.");
        }
    }

    private string Find(string tool)
    {
        IEnumerable<string> candidates = toolsDirectory is { Length: > 0 } configured
            ? [Path.Combine(configured, tool)]
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, tool))
                .Concat(Directory.Exists("/usr/lib/postgresql")
                    ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(ServerMajor).Select(folder => Path.Combine(folder, "bin", tool))
                    : []);
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new BackupException(toolsDirectory is { Length: > 0 }
                ? $"{tool} is not in Backups:PostgresToolsDirectory ({toolsDirectory})."
                : $"{tool} was not found on PATH or in /usr/lib/postgresql/*/bin; install the PostgreSQL client tools or set Backups:PostgresToolsDirectory.");
    }

    private static int ServerMajor(string folder) => int.TryParse(Path.GetFileName(folder), out var major) ? major : 0;

    private void SetEnvironment(ProcessStartInfo start)
    {
        var host = _connection.Host ?? "localhost";
        start.Environment["PGHOST"] = host.Split(',')[0];
        start.Environment["PGPORT"] = _connection.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = Database;
        if (_connection.Username is { } user)
        {
            start.Environment["PGUSER"] = user;
        }

        if (_connection.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        if (_connection.SslMode is not SslMode.Disable and not SslMode.Prefer)
        {
            start.Environment["PGSSLMODE"] = _connection.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }
    }

    [GeneratedRegex(@"\) (\d+)")]
    private static partial Regex MajorVersion();
}
