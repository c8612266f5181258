using System.Globalization;
using Npgsql;

namespace Mentori.Bench;

/// <summary>
/// <c>dotnet run --project bench/Mentori.Bench -c Release -- directory "&lt;connection string&gt;" [mentors]</c>: on a
/// migrated PostgreSQL database, loads the benchmark data (when a mentor count is given), then prints each
/// directory query's plan and median time as Markdown, for docs/performance.md.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["directory", var connectionString, ..])
        {
            await Console.Error.WriteLineAsync("usage: Mentori.Bench directory <postgres connection string> [mentors to generate]");
            return 2;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (args.Length > 2)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await DirectoryData.LoadAsync(connection, int.Parse(args[2], CultureInfo.InvariantCulture));
            await Console.Error.WriteLineAsync($"Loaded in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        foreach (var query in DirectoryQueries.All)
        {
            var median = await DirectoryPlans.MedianAsync(connection, query, runs: 20);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### {query.Name}: {median.TotalMilliseconds:F2} ms (median of 20)"));
            Console.WriteLine();
            Console.WriteLine("```");
            Console.WriteLine(await DirectoryPlans.ExplainAsync(connection, query, analyze: true));
            Console.WriteLine("```");
            Console.WriteLine();
        }

        return 0;
    }
}
