using Mentori.Data;
using Mentori.Server.Features.Mentors;
using Npgsql;

namespace Mentori.Bench;

/// <summary>PostgreSQL's plan for a directory statement, with the values it would run with.</summary>
public static class DirectoryPlans
{
    public static async Task<string> ExplainAsync(NpgsqlConnection connection, DirectoryQuery query, bool analyze, CancellationToken cancellationToken = default)
    {
        var statement = query.Build(DatabaseProvider.Postgres);
        await using var command = new NpgsqlCommand((analyze ? "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " : "EXPLAIN (COSTS OFF) ") + statement.Sql, connection);
        foreach (var (name, value) in statement.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>The median wall-clock time of running the statement (results read) <paramref name="runs"/> times, after a warm-up.</summary>
    public static async Task<TimeSpan> MedianAsync(NpgsqlConnection connection, DirectoryQuery query, int runs)
    {
        var statement = query.Build(DatabaseProvider.Postgres);
        var times = new List<TimeSpan>();
        for (var run = -1; run < runs; run++)
        {
            await using var command = new NpgsqlCommand(statement.Sql, connection);
            foreach (var (name, value) in statement.Parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }

            if (run >= 0)
            {
                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
