using System.Globalization;
using Npgsql;

namespace Mentori.Bench;

/// <summary>
/// The benchmarks of bench/README.md: <c>directory</c> (plans and times of the mentor directory on PostgreSQL) and
/// <c>chat-latency</c> (message delivery through the hub, on one instance or across two) and <c>ceiling</c> (the hot
/// reads straight from Npgsql, for bench/ceiling.sh to compare Mentori with) and <c>fixed-rate</c> (an open-loop
/// load at a steady rate) and <c>writes</c> (requesting, accepting and messaging, beside the ceiling's raw insert) and <c>faults</c> (session requests, ratings and messages
/// written through the faults of bench/faults.sh, each sent again with its id until answered, then checked against the database) and <c>bcrypt</c> (one
/// hash's time per work factor).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["chat-latency", var receiver, var sender, ..])
        {
            await ChatLatency.RunAsync(new Uri(receiver), new Uri(sender), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500);
            return 0;
        }

        if (args is ["writes", var writeDatabase, var mentori, var ceiling, ..])
        {
            await WriteLoad.RunAsync(writeDatabase, new Uri(mentori), new Uri(ceiling),
                TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10),
                args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 16);
            return 0;
        }

        if (args is ["faults", var faultDatabase, var server, var faultSeconds, ..])
        {
            await FaultLoad.RunAsync(faultDatabase, new Uri(server), TimeSpan.FromSeconds(int.Parse(faultSeconds, CultureInfo.InvariantCulture)),
                args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 8);
            return 0;
        }

        if (args is ["fixed-rate", var target, var rate, var seconds, ..])
        {
            await FixedRate.RunAsync(new Uri(target), double.Parse(rate, CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)), args.Length > 4 ? args[4] : null);
            return 0;
        }

        if (args is ["bcrypt"])
        {
            BcryptCost.Run();
            return 0;
        }

        if (args is ["ceiling", var database, var url, var signingKey])
        {
            await Ceiling.CeilingApp.RunAsync(database, url, signingKey);
            return 0;
        }

        if (args is not ["directory", var connectionString, ..])
        {
            await Console.Error.WriteLineAsync("""
                usage: Mentori.Bench directory <postgres connection string> [mentors to generate]
                       Mentori.Bench chat-latency <receiver's server url> <sender's server url> [messages]
                       Mentori.Bench ceiling <postgres connection string> <url> <JWT signing key>
                       Mentori.Bench writes <postgres connection string> <Mentori's url> <the ceiling's url> [seconds per write] [pairs]
                       Mentori.Bench faults <postgres connection string> <Mentori's url> <seconds> [senders]
                       Mentori.Bench fixed-rate <url> <requests per second> <seconds> [bearer token]
                       Mentori.Bench bcrypt
                """);
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
