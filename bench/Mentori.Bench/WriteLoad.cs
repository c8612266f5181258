using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using static Mentori.Bench.BenchHttp;

namespace Mentori.Bench;

/// <summary>
/// Issue 15's writes, each as a closed loop of one request at a time per pair: pairs of a new mentor (available
/// every day 06:00–22:00 UTC) and a new mentee. Each mentee requests hour-long sessions with its mentor at
/// consecutive free hours; each mentor then accepts its pending requests; each mentee then sends messages to its
/// mentor, on Mentori and on the ceiling's raw insert (the same tokens: both check Mentori's signing key), twice
/// in turn. Prints one Markdown row per write: requests done, per second, p50, p99 and the answers that were not
/// 2xx.
/// </summary>
public static class WriteLoad
{
    private static readonly object Availability = Enum.GetNames<DayOfWeek>()
        .ToDictionary(day => day.ToLowerInvariant(), _ => new[] { "06:00-22:00" });

    private sealed record Pair(string MentorToken, Guid MentorId, string MenteeToken)
    {
        public List<Guid> Pending { get; } = [];
    }

    private sealed record Outcome(List<double> Milliseconds, int Failed, TimeSpan Elapsed);

    public static async Task RunAsync(string database, Uri mentori, Uri ceiling, TimeSpan duration, int pairs)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var all = new List<Pair>();
        for (var i = 0; i < pairs; i++)
        {
            var mentor = await RegisterAsync(http, mentori, $"write-mentor-{i}-{suffix}@example.com", "mentor");
            var mentee = await RegisterAsync(http, mentori, $"write-mentee-{i}-{suffix}@example.com", "mentee");
            await VerifyAsync(database, mentor.Id, mentee.Id); // before their first checked request reads it into the cache
            using (var profile = Authorized(HttpMethod.Put, new Uri(mentori, "/api/v1/me/profile"), mentor.Token))
            {
                profile.Content = JsonContent.Create(new { firstName = "Write", lastName = $"Mentor {i}", timezone = "UTC", availability = Availability });
                (await http.SendAsync(profile)).EnsureSuccessStatusCode();
            }

            all.Add(new Pair(mentor.Token, mentor.Id, mentee.Token));
        }

        Console.WriteLine("| write | server | requests | per second | p50 | p99 | not 2xx |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var firstHour = DateTime.UtcNow.Date.AddDays(2).AddHours(6);
        Print("request a session", "Mentori", await ForEachPairAsync(all, duration, async (pair, n) =>
        {
            var day = n / 16;
            var start = firstHour.AddDays(day).AddHours(n % 16);
            using var request = Authorized(HttpMethod.Post, new Uri(mentori, "/api/v1/sessions"), pair.MenteeToken);
            request.Content = JsonContent.Create(new { mentorId = pair.MentorId, scheduledAt = start, duration = 60 });
            var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                pair.Pending.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }

            return response;
        }));

        Print("accept", "Mentori", await ForEachPairAsync(all, duration, async (pair, n) =>
        {
            if (n >= pair.Pending.Count)
            {
                return null; // all accepted
            }

            using var request = Authorized(HttpMethod.Post, new Uri(mentori, $"/api/v1/sessions/{pair.Pending[n]}/accept"), pair.MentorToken);
            request.Content = JsonContent.Create(new { });
            return await http.SendAsync(request);
        }));

        var sends = new Dictionary<string, List<Outcome>> { ["Mentori"] = [], ["ceiling (raw insert)"] = [] };
        for (var round = 0; round < 2; round++)
        {
            foreach (var (name, server) in new[] { ("Mentori", mentori), ("ceiling (raw insert)", ceiling) })
            {
                sends[name].Add(await ForEachPairAsync(all, duration, async (pair, n) =>
                {
                    using var request = Authorized(HttpMethod.Post, new Uri(server, "/api/v1/messages"), pair.MenteeToken);
                    request.Content = JsonContent.Create(new { receiverId = pair.MentorId, content = $"Message {n} of the write benchmark." });
                    return await http.SendAsync(request);
                }));
            }
        }

        foreach (var (name, outcomes) in sends)
        {
            Print("send a message", name, outcomes[^1]);
        }

        var ratio = PerSecond(sends["Mentori"]) / PerSecond(sends["ceiling (raw insert)"]);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sending a message, Mentori ÷ raw insert over both rounds: {ratio:F2}"));
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a loop on every pair at once, the n-th time with n, until the time is up or
    /// the write answers null (nothing left to do) for every pair.
    /// </summary>
    private static async Task<Outcome> ForEachPairAsync(List<Pair> pairs, TimeSpan duration, Func<Pair, int, Task<HttpResponseMessage?>> write)
    {
        var times = new List<double>();
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(pairs.Select(async pair =>
        {
            for (var n = 0; Stopwatch.GetElapsedTime(started) < duration; n++)
            {
                var before = Stopwatch.GetTimestamp();
                using var response = await write(pair, n);
                if (response is null)
                {
                    return;
                }

                var milliseconds = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
                if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failed) == 1)
                {
                    await Console.Error.WriteLineAsync($"first refusal: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                lock (times)
                {
                    times.Add(milliseconds);
                }
            }
        }));
        return new Outcome(times, failed, Stopwatch.GetElapsedTime(started));
    }

    private static double PerSecond(IEnumerable<Outcome> outcomes) =>
        outcomes.Sum(o => o.Milliseconds.Count) / outcomes.Sum(o => o.Elapsed.TotalSeconds);

    private static void Print(string write, string server, Outcome outcome)
    {
        var sorted = outcome.Milliseconds.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {write} | {server} | {sorted.Count} | {PerSecond([outcome]):F0} | {Percentile(sorted, 0.50):F2} ms | {Percentile(sorted, 0.99):F2} ms | {outcome.Failed} |"));
    }
}
