using Mentori.Bench;
using Npgsql;

namespace Mentori.Tests.Mentors;

/// <summary>
/// The issue's bar for PostgreSQL: at 100 000 mentors every filter and sort of the directory is served by an
/// index. The benchmark's own data and queries (bench/), planned by PostgreSQL after ANALYZE; each plan must use
/// one of the indexes made for it (the filter's, or the sort's walked in order) and never read the whole profiles
/// table. docs/performance.md shows the plans with timings.
/// </summary>
public sealed class DirectoryPlanTests(PostgresServer postgres)
{
    [Fact]
    public async Task Every_directory_query_uses_its_index_at_100_000_mentors()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await DirectoryData.LoadAsync(connection, mentors: 100_000, TestContext.Current.CancellationToken);

        var failures = new List<string>();
        foreach (var query in DirectoryQueries.All)
        {
            var plan = await DirectoryPlans.ExplainAsync(connection, query, analyze: false, TestContext.Current.CancellationToken);
            if (!query.Indexes.Any(index => plan.Contains(index, StringComparison.Ordinal)) || plan.Contains("Seq Scan on profiles", StringComparison.Ordinal))
            {
                failures.Add($"{query.Name} (expected one of {string.Join(", ", query.Indexes)}):\n{plan}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
