using Npgsql;

namespace Mentori.Server.Commands.Generation;

/// <summary>
/// The plain indexes of the tables being loaded (not those behind a key or constraint, which the load must obey),
/// dropped before a bulk load and built again after it in the same transaction: building an index once is far faster
/// than keeping it current through millions of inserts, and the rating triggers' updates stay cheap without the rank
/// index. A failure rolls the drops back with everything else.
/// </summary>
internal sealed class SetAsideIndexes(IReadOnlyList<string> definitions)
{
    public static async Task<SetAsideIndexes> DropAsync(NpgsqlConnection connection, string[] tables, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var query = new NpgsqlCommand("""
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY ($1)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """, connection))
        {
            query.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX {name}", connection); // a name PostgreSQL itself quoted
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        return new SetAsideIndexes(indexes.Select(index => index.Definition).ToList());
    }

    public async Task RebuildAsync(NpgsqlConnection connection, TextWriter progress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var memory = new NpgsqlCommand("SET LOCAL maintenance_work_mem = '512MB'", connection))
        {
            await memory.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var definition in definitions)
        {
            await using var create = new NpgsqlCommand(definition, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await progress.WriteLineAsync($"indexes: {definitions.Count} built again, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }
}
