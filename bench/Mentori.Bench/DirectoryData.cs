using System.Globalization;
using Npgsql;

namespace Mentori.Bench;

/// <summary>Runs <c>bench/directory-data.sql</c> for a number of mentors.</summary>
public static class DirectoryData
{
    public static async Task LoadAsync(NpgsqlConnection connection, int mentors, CancellationToken cancellationToken = default)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "directory-data.sql"), cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SET bench.mentors = '{mentors.ToString(CultureInfo.InvariantCulture)}';\n{script}", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
