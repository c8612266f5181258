using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using static Mentori.Bench.BenchHttp;

namespace Mentori.Bench;

/// <summary>
/// An open-loop load at a fixed rate: requests start at evenly spaced times whether or not earlier ones have
/// answered, and each one's latency counts from the time it was due, so a stall is charged to every request it
/// delays (no coordinated omission). hey's <c>-q</c> paces each of its workers with a ticker of its own, all started
/// together: at low rates they fire in bursts of one request per worker, and the figures measure the queue behind
/// a burst. Prints one line: "rps p50 p99 errors", the latencies in milliseconds.
/// </summary>
public static class FixedRate
{
    public static async Task RunAsync(Uri url, double rate, TimeSpan duration, string? bearer)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var count = (int)(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var errors = 0;
        var interval = Stopwatch.Frequency / rate;
        var started = Stopwatch.GetTimestamp();
        var requests = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = started + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var index = i;
            requests.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var sorted = latencies.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count / elapsed:F0} {Percentile(sorted, 0.50):F2} {Percentile(sorted, 0.99):F2} {errors}"));
    }
}
