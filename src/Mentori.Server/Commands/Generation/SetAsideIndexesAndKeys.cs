using Npgsql;

namespace Mentori.Server.Commands.Generation;

/// <summary>
/// The plain indexes and the foreign keys of the tables being loaded, dropped before a bulk load and made again
/// after it in the same transaction. Building an index once is far faster than keeping it current through millions
/// of inserts, and the rating triggers' updates stay cheap without the rank index. A foreign key checks each row
/// with a lookup of its own, queued to the end of the COPY (five of the nine minutes of a million users' load);
/// added again, it checks every row in one join, and a row that breaks it fails the load. The primary keys, unique
/// keys, checks and the exclusion constraint stay: the load obeys them as it goes. A failure rolls the drops back
/// with everything else.
/// </summary>
internal sealed class SetAsideIndexesAndKeys(IReadOnlyList<string> indexes, IReadOnlyList<string> keys)
{
    public static async Task<SetAsideIndexesAndKeys> DropAsync(NpgsqlConnection connection, string[] tables, CancellationToken cancellationToken)
    {
        var indexes = await ReadAsync(connection, tables, """
            SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY ($1)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """, cancellationToken);
        var keys = await ReadAsync(connection, tables, """
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY ($1)
            """, cancellationToken);
        foreach (var (drop, _) in indexes.Concat(keys))
        {
            await using var command = new NpgsqlCommand(drop, connection); // names PostgreSQL itself quoted
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new SetAsideIndexesAndKeys([.. indexes.Select(index => index.Make)], [.. keys.Select(key => key.Make)]);
    }

    public async Task RestoreAsync(NpgsqlConnection connection, TextWriter progress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var memory = new NpgsqlCommand("SET LOCAL maintenance_work_mem = '512MB'", connection))
        {
            await memory.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var make in indexes.Concat(keys))
        {
            await using var command = new NpgsqlCommand(make, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await progress.WriteLineAsync($"indexes and foreign keys: {indexes.Count} and {keys.Count} made again, "
            + $"{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    /// <summary>Pairs of statements, each to drop and to make again one thing of the tables.</summary>
    private static async Task<List<(string Drop, string Make)>> ReadAsync(NpgsqlConnection connection, string[] tables, string sql, CancellationToken cancellationToken)
    {
        var pairs = new List<(string, string)>();
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables });
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pairs.Add((reader.GetString(0), reader.GetString(1)));
        }

        return pairs;
    }
}
