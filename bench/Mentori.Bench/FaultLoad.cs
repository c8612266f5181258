using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using static Mentori.Bench.BenchHttp;

namespace Mentori.Bench;

/// <summary>
/// The client side of bench/faults.sh: pairs of a new mentor and mentee, each mentee sending messages one at a time
/// (each with a content of its own) for as long as the faults go on, through whatever the server answers (a refused
/// connection while it restarts). Then it reads the database and prints what every answer was, whether each message
/// acknowledged with a 2xx is stored exactly once, and how many of the unanswered ones were stored all the same.
/// </summary>
public static class FaultLoad
{
    private sealed record Sent(string Content, int? Status, Guid? Id);

    public static async Task RunAsync(string database, Uri server, TimeSpan duration, int pairs)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var run = Guid.NewGuid().ToString("N")[..8];
        var senders = new List<(string Token, Guid MentorId)>();
        for (var i = 0; i < pairs; i++)
        {
            var mentor = await RegisterAsync(http, server, $"fault-mentor-{i}-{run}@example.com", "mentor");
            var mentee = await RegisterAsync(http, server, $"fault-mentee-{i}-{run}@example.com", "mentee");
            await VerifyAsync(database, mentor.Id, mentee.Id);
            await AcquaintAsync(http, server, mentor, mentee.Token, i); // messages go between people who share a session
            senders.Add((mentee.Token, mentor.Id));
        }

        await Console.Error.WriteLineAsync($"fault load: {pairs} senders for {duration.TotalSeconds:F0} s");
        var sent = new List<Sent>();
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(senders.Select(async (sender, i) =>
        {
            for (var n = 0; DateTime.UtcNow < until; n++)
            {
                var content = $"fault {run} {i} {n}";
                var outcome = await SendAsync(http, server, sender.Token, sender.MentorId, content);
                lock (sent)
                {
                    sent.Add(outcome);
                }

                if (outcome.Status is not (>= 200 and < 300))
                {
                    await Task.Delay(100); // as a client backs off before it tries again
                }
            }
        }));

        var stored = await StoredAsync(database, run);
        var acknowledged = sent.Where(s => s.Status is >= 200 and < 300).ToList();
        var lost = acknowledged.Count(s => !stored.ContainsKey(s.Content));
        var twice = stored.Count(entry => entry.Value > 1);
        var unansweredStored = sent.Where(s => s.Status is null or >= 500).Count(s => stored.ContainsKey(s.Content));
        Console.WriteLine("| answer | requests |");
        Console.WriteLine("|---|---|");
        foreach (var group in sent.GroupBy(s => s.Status is { } status ? status.ToString(CultureInfo.InvariantCulture) : "no answer").OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sent.Count} messages sent, {acknowledged.Count} acknowledged (2xx), {lost} of those lost, {twice} stored twice; "
            + $"{unansweredStored} of the unanswered or 5xx were stored all the same."));
    }

    private static async Task AcquaintAsync(HttpClient http, Uri server, (Guid Id, string Token) mentor, string menteeToken, int i)
    {
        using (var profile = Authorized(HttpMethod.Put, new Uri(server, "/api/v1/me/profile"), mentor.Token))
        {
            profile.Content = JsonContent.Create(new { firstName = "Fault", lastName = $"Mentor {i}", timezone = "UTC", availability = AllDay });
            (await http.SendAsync(profile)).EnsureSuccessStatusCode();
        }

        using var ask = Authorized(HttpMethod.Post, new Uri(server, "/api/v1/sessions"), menteeToken);
        ask.Content = JsonContent.Create(new { mentorId = mentor.Id, scheduledAt = DateTime.UtcNow.Date.AddDays(2).AddHours(10), duration = 60 });
        var asked = await http.SendAsync(ask);
        asked.EnsureSuccessStatusCode();
        var session = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var accept = Authorized(HttpMethod.Post, new Uri(server, $"/api/v1/sessions/{session}/accept"), mentor.Token);
        accept.Content = JsonContent.Create(new { });
        (await http.SendAsync(accept)).EnsureSuccessStatusCode();
    }

    private static readonly object AllDay = Enum.GetNames<DayOfWeek>().ToDictionary(day => day.ToLowerInvariant(), _ => new[] { "00:00-24:00" });

    private static async Task<Sent> SendAsync(HttpClient http, Uri server, string token, Guid mentorId, string content)
    {
        try
        {
            using var request = Authorized(HttpMethod.Post, new Uri(server, "/api/v1/messages"), token);
            request.Content = JsonContent.Create(new { receiverId = mentorId, content });
            using var response = await http.SendAsync(request);
            var id = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : (Guid?)null;
            return new Sent(content, (int)response.StatusCode, id);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Sent(content, null, null);
        }
    }

    /// <summary>How many rows hold each content of this run.</summary>
    private static async Task<Dictionary<string, int>> StoredAsync(string database, string run)
    {
        // A connection of its own: the pool's were cut by the restarts.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT content, count(*)::int FROM messages WHERE content LIKE $1 GROUP BY content", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"fault {run} %" });
        var stored = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored[reader.GetString(0)] = reader.GetInt32(1);
        }

        return stored;
    }
}
