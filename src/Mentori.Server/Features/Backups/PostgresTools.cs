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
        using var process = Start(tool, arguments, redirectInput: false);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} failed: {FirstLine(await error) ?? $"exit code {process.ExitCode}"}");
        }

        return await output;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> and then the script <c>pg_restore</c> makes of <paramref name="archive"/> through
    /// <c>psql</c> as one transaction that stops at the first error: all of it happens, or none.
    /// </summary>
    public async Task RunInOneTransactionAsync(string sql, string archive, CancellationToken cancellationToken)
    {
        var restore = Start("pg_restore", ["--no-owner", "--no-privileges", "--file=-", archive], redirectInput: false);
        var psql = Start("psql", ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", $"--dbname={Database}"], redirectInput: true);
        using (restore)
        using (psql)
        {
            var restoreErrors = restore.StandardError.ReadToEndAsync(cancellationToken);
            var psqlErrors = psql.StandardError.ReadToEndAsync(cancellationToken);
            var psqlOutput = psql.StandardOutput.ReadToEndAsync(cancellationToken);
            try
            {
                await psql.StandardInput.WriteLineAsync(sql.AsMemory(), cancellationToken);
                await restore.StandardOutput.BaseStream.CopyToAsync(psql.StandardInput.BaseStream, cancellationToken);
            }
            catch (IOException)
            {
                // psql stopped reading: it failed, and says why below.
            }
            finally
            {
                psql.StandardInput.Close();
            }

            await Task.WhenAll(restore.WaitForExitAsync(cancellationToken), psql.WaitForExitAsync(cancellationToken));
            await psqlOutput;
            if (psql.ExitCode != 0 || restore.ExitCode != 0)
            {
                var (tool, errors) = restore.ExitCode != 0 ? ("pg_restore", await restoreErrors) : ("psql", await psqlErrors);
                throw new BackupException($"{tool} failed: {FirstLine(errors) ?? "exit code " + (restore.ExitCode != 0 ? restore.ExitCode : psql.ExitCode)}");
            }
        }
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

    private Process Start(string tool, IEnumerable<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(Find(tool)) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        SetEnvironment(start);
        return Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

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
        // Npgsql allows several hosts, each with its own port (h1:5433,h2); the tools are given the first.
        var host = (_connection.Host ?? "localhost").Split(',')[0].Trim();
        var port = _connection.Port.ToString(CultureInfo.InvariantCulture);
        if (!host.StartsWith('/') && host.LastIndexOf(':') is var colon and > 0 && !host.Contains(']', StringComparison.Ordinal) && host.Count(c => c == ':') == 1)
        {
            (host, port) = (host[..colon], host[(colon + 1)..]);
        }

        start.Environment["PGHOST"] = host;
        start.Environment["PGPORT"] = port;
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
