using System.Diagnostics;
using System.Globalization;

namespace Mentori.Bench;

/// <summary>How long one bcrypt hash takes on this machine at each work factor, the median of a few: what bounds sign-ins.</summary>
public static class BcryptCost
{
    public static void Run(int runs = 5)
    {
        BCrypt.Net.BCrypt.HashPassword("warm-up", 4); // the first hash also compiles the code
        Console.WriteLine("| work factor | one hash (median) | hashes per second per core |");
        Console.WriteLine("|---|---|---|");
        for (var cost = 9; cost <= 13; cost++)
        {
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                BCrypt.Net.BCrypt.HashPassword("Mentori!2026", cost);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var median = times.Order().ElementAt(runs / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {cost} | {median:F0} ms | {1000 / median:F1} |"));
        }
    }
}
