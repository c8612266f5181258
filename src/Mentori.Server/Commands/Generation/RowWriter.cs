using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Mentori.Server.Commands.Generation;

/// <summary>
/// One table's generated rows, value by value in column order: PostgreSQL's binary COPY, or on SQLite one prepared
/// INSERT run per row in the load's transaction (SQLite has no bulk path, and inserts in one transaction are fast).
/// Each value names its PostgreSQL type; on SQLite it is stored as EF Core stores that type there.
/// </summary>
internal abstract class RowWriter : IAsyncDisposable
{
    public static async Task<RowWriter> BeginAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns,
        CancellationToken cancellationToken) => connection switch
        {
            NpgsqlConnection npgsql => new PostgresCopy(await npgsql.BeginBinaryImportAsync(
                $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken)),
            SqliteConnection sqlite => new SqliteInserts(sqlite, (SqliteTransaction)transaction, table, columns),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };

    public abstract Task StartRowAsync(CancellationToken cancellationToken);

    public abstract Task WriteAsync<T>(T value, NpgsqlDbType type, CancellationToken cancellationToken);

    public abstract Task WriteNullAsync(CancellationToken cancellationToken);

    /// <summary>Writes what is left; without it nothing of the table stays.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public async Task WriteOrNullAsync<T>(T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await WriteNullAsync(cancellationToken);
        }
        else
        {
            await WriteAsync(value, type, cancellationToken);
        }
    }

    public async Task WriteOrNullAsync<T>(T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct
    {
        if (value is { } present)
        {
            await WriteAsync(present, type, cancellationToken);
        }
        else
        {
            await WriteNullAsync(cancellationToken);
        }
    }

    public Task WriteJsonOrNullAsync<T>(T? value, CancellationToken cancellationToken) where T : class =>
        WriteOrNullAsync(value is null ? null : JsonSerializer.Serialize(value), NpgsqlDbType.Jsonb, cancellationToken);

    private sealed class PostgresCopy(NpgsqlBinaryImporter copy) : RowWriter
    {
        public override Task StartRowAsync(CancellationToken cancellationToken) => copy.StartRowAsync(cancellationToken);

        public override Task WriteAsync<T>(T value, NpgsqlDbType type, CancellationToken cancellationToken) =>
            copy.WriteAsync(value, type, cancellationToken);

        public override Task WriteNullAsync(CancellationToken cancellationToken) => copy.WriteNullAsync(cancellationToken);

        public override async Task CompleteAsync(CancellationToken cancellationToken) => await copy.CompleteAsync(cancellationToken);

        public override ValueTask DisposeAsync() => copy.DisposeAsync();
    }

    private sealed class SqliteInserts : RowWriter
    {
        private readonly SqliteCommand _insert;
        private int _next = -1; // the parameter the next value goes to; -1 before the first row

        public SqliteInserts(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
        {
            _insert = connection.CreateCommand();
            _insert.Transaction = transaction;
            _insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            foreach (var i in Enumerable.Range(0, columns.Length))
            {
                _insert.Parameters.Add(new SqliteParameter($"$p{i}", null));
            }

            _insert.Prepare();
        }

        public override async Task StartRowAsync(CancellationToken cancellationToken)
        {
            await InsertPendingAsync(cancellationToken);
            _next = 0;
        }

        public override Task WriteAsync<T>(T value, NpgsqlDbType type, CancellationToken cancellationToken)
        {
            _insert.Parameters[_next++].Value = value switch
            {
                Guid id => id.ToString().ToUpperInvariant(),
                DateTime time => time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
                bool flag => flag ? 1 : 0,
                decimal amount => (double)amount,
                _ => value,
            };
            return Task.CompletedTask;
        }

        public override Task WriteNullAsync(CancellationToken cancellationToken)
        {
            _insert.Parameters[_next++].Value = DBNull.Value;
            return Task.CompletedTask;
        }

        public override Task CompleteAsync(CancellationToken cancellationToken) => InsertPendingAsync(cancellationToken);

        public override ValueTask DisposeAsync() => _insert.DisposeAsync();

        private async Task InsertPendingAsync(CancellationToken cancellationToken)
        {
            if (_next == _insert.Parameters.Count)
            {
                await _insert.ExecuteNonQueryAsync(cancellationToken);
            }

            _next = -1;
        }
    }
}
