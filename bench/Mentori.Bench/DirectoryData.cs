using System.Globalization;
using Npgsql;

namespace Mentori.Bench;

/// <summary>Runs <c>bench/directory-data.sql</c> for a number of mentors, then vacuums.</summary>
public static class DirectoryData
{
    public static async Task LoadAsync(NpgsqlConnection connection, int mentors, CancellationToken cancellationToken = default)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "directory-data.sql"), cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SET bench.mentors = '{mentors.ToString(CultureInfo.InvariantCulture)}';\n{script}", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);

        // Settled, as autovacuum leaves a table: the visibility map is set, which the planner counts on when it weighs
        // an index against a sequential scan. VACUUM cannot run inside the script's batch.
        await using var vacuum = new NpgsqlCommand("VACUUM", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }
}
