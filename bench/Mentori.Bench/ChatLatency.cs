using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using static Mentori.Bench.BenchHttp;

namespace Mentori.Bench;

/// <summary>
/// Delivery latency of the chat: the time from sending a message over REST to its arrival at the receiver's hub
/// connection, one message at a time. The receiver listens on <c>receiverUrl</c>; the sender posts to
/// <c>senderUrl</c> (the same URL for one instance, another instance for the Redis backplane).
/// </summary>
public static class ChatLatency
{
    public static async Task RunAsync(Uri receiverUrl, Uri senderUrl, int messages)
    {
        using var http = new HttpClient();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var mentor = await RegisterAsync(http, receiverUrl, $"bench-mentor-{suffix}@example.com", "mentor");
        var mentee = await RegisterAsync(http, senderUrl, $"bench-mentee-{suffix}@example.com", "mentee");
        using (var request = Authorized(HttpMethod.Post, new Uri(senderUrl, "/api/v1/sessions"), mentee.Token))
        {
            var start = DateTime.UtcNow.Date.AddDays(30).AddHours(10);
            request.Content = JsonContent.Create(new { mentorId = mentor.Id, scheduledAt = start, duration = 60 });
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(receiverUrl, "/hubs/chat"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(mentor.Token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        TaskCompletionSource<string>? waiting = null;
        hub.On<JsonElement>("messageReceived", message => waiting?.TrySetResult(message.GetProperty("content").GetString()!));
        await hub.StartAsync();

        var times = new List<double>();
        for (var i = -20; i < messages; i++)
        {
            var content = $"bench {i}";
            waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            using var request = Authorized(HttpMethod.Post, new Uri(senderUrl, "/api/v1/messages"), mentee.Token);
            request.Content = JsonContent.Create(new { receiverId = mentor.Id, content });
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
            var arrived = await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
            if (arrived != content)
            {
                throw new InvalidOperationException($"expected {content}, got {arrived}");
            }

            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"{messages} messages, {receiverUrl} <- {senderUrl}: p50 {Percentile(times, 0.50):F2} ms, p99 {Percentile(times, 0.99):F2} ms, max {times[^1]:F2} ms"));
    }
}
