using Npgsql;

namespace Mentori.Server.Features.Backups;

/// <summary>PostgreSQL backups with pg_dump's custom format, read back in full by pg_restore.</summary>
public sealed class PostgresBackup(string connectionString, PostgresTools tools) : IDatabaseBackup
{
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await tools.EnsureNewEnoughAsync(cancellationToken);
        await tools.RunAsync("pg_dump", ["--format=custom", "--no-password", $"--file={path}"], cancellationToken);
    }

    /// <summary>The table of contents must read, and so must every byte of data after it: a cut file fails here.</summary>
    public async Task VerifyAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupException($"{path} does not exist.");
        }

        var contents = await tools.RunAsync("pg_restore", ["--list", path], cancellationToken);
        if (!contents.Contains("__EFMigrationsHistory", StringComparison.Ordinal))
        {
            throw new BackupException($"{Path.GetFileName(path)} is a PostgreSQL archive, but not a Mentori backup.");
        }

        await tools.RunAsync("pg_restore", ["--file=/dev/null", path], cancellationToken);
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 0;
    }

    /// <summary>
    /// One transaction: the schema is emptied (also of tables a later migration added, which the dump does not know)
    /// and the dump loaded into it; on any error nothing changes.
    /// </summary>
    public async Task RestoreAsync(string path, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await tools.RunInOneTransactionAsync("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", path, cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }
}
