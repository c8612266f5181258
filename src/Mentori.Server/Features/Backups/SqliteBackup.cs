using Microsoft.Data.Sqlite;

namespace Mentori.Server.Features.Backups;

/// <summary>SQLite backups through its online backup API, which copies a consistent state while others write.</summary>
public sealed class SqliteBackup(string connectionString) : IDatabaseBackup
{
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection(connectionString);
        await source.OpenAsync(cancellationToken);
        await using var target = new SqliteConnection(FileConnection(path, SqliteOpenMode.ReadWriteCreate));
        await target.OpenAsync(cancellationToken);
        source.BackupDatabase(target);

        // The copy takes the source's write-ahead-log mode, which would give it -wal and -shm files beside it; a
        // backup is one file.
        await using var journal = target.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode = DELETE";
        await journal.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task VerifyAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupException($"{path} does not exist.");
        }

        try
        {
            await using var backup = new SqliteConnection(FileConnection(path, SqliteOpenMode.ReadOnly));
            await backup.OpenAsync(cancellationToken);
            var integrity = await ScalarAsync(backup, "PRAGMA integrity_check", cancellationToken);
            if (!string.Equals(integrity?.ToString(), "ok", StringComparison.Ordinal))
            {
                throw new BackupException($"{Path.GetFileName(path)} is damaged: {integrity}");
            }

            if (Convert.ToInt64(await ScalarAsync(backup, "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'", cancellationToken),
                    System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                throw new BackupException($"{Path.GetFileName(path)} is a SQLite database, but not a Mentori backup.");
            }
        }
        catch (SqliteException exception)
        {
            throw new BackupException($"{Path.GetFileName(path)} is not a whole SQLite backup: {exception.Message}");
        }
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var database = new SqliteConnection(connectionString);
        await database.OpenAsync(cancellationToken);
        var tables = await ScalarAsync(database, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", cancellationToken);
        return Convert.ToInt64(tables, System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>The backup API replaces the target's pages in one step; pooled connections would hold the old ones.</summary>
    public async Task RestoreAsync(string path, CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        await using var source = new SqliteConnection(FileConnection(path, SqliteOpenMode.ReadOnly));
        await source.OpenAsync(cancellationToken);
        await using var target = new SqliteConnection(connectionString);
        await target.OpenAsync(cancellationToken);
        source.BackupDatabase(target);
        SqliteConnection.ClearAllPools();
    }

    private static string FileConnection(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
