using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using static Mentori.Bench.BenchHttp;

namespace Mentori.Bench;

/// <summary>
/// The client side of bench/faults.sh: pairs of a new mentor and mentee; each mentee writes one thing at a time for as
/// long as the faults go on — a session request, a rating of one of its completed sessions, or two messages — each
/// with an id of its own choosing, and sends a write that got no 2xx again, with the same id, until it gets one (as a
/// careful client does). Then it reads the database and prints every answer, whether each acknowledged write is
/// stored exactly once, how many retries found their write stored already (200), and whether every stored request
/// has its one email to the mentor.
/// </summary>
public static class FaultLoad
{
    private const int RatablePerPair = 5000;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static readonly object AllDay = Enum.GetNames<DayOfWeek>().ToDictionary(day => day.ToLowerInvariant(), _ => new[] { "00:00-24:00" });

    private sealed record Pair(string MenteeToken, Guid MenteeId, Guid MentorId, string MentorEmail, Guid[] Ratable);

    private sealed record Write(string Kind, Guid Id, Uri Path, object Body);

    /// <summary>A write's answers, in order: a status, or null when none came (the server was down).</summary>
    private sealed record Outcome(Write Write, List<int?> Answers)
    {
        public bool Acknowledged => Answers[^1] is >= 200 and < 300;
    }

    public static async Task RunAsync(string database, Uri server, TimeSpan duration, int pairs)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var run = Guid.NewGuid().ToString("N")[..8];
        var all = new List<Pair>();
        for (var i = 0; i < pairs; i++)
        {
            var mentorEmail = $"fault-mentor-{i}-{run}@example.com";
            var mentor = await RegisterAsync(http, server, mentorEmail, "mentor");
            var mentee = await RegisterAsync(http, server, $"fault-mentee-{i}-{run}@example.com", "mentee");
            await VerifyAsync(database, mentor.Id, mentee.Id);
            using var profile = Authorized(HttpMethod.Put, new Uri(server, "/api/v1/me/profile"), mentor.Token);
            profile.Content = JsonContent.Create(new { firstName = "Fault", lastName = $"Mentor {i}", timezone = "UTC", availability = AllDay });
            (await http.SendAsync(profile)).EnsureSuccessStatusCode();
            all.Add(new Pair(mentee.Token, mentee.Id, mentor.Id, mentorEmail, await SeedCompletedAsync(database, mentor.Id, mentee.Id)));
        }

        await Console.Error.WriteLineAsync($"fault load: {pairs} writers for {duration.TotalSeconds:F0} s");
        var outcomes = new List<Outcome>();
        var until = DateTime.UtcNow + duration;
        var firstStart = DateTime.UtcNow.Date.AddDays(2);
        await Task.WhenAll(all.Select(async (pair, i) =>
        {
            var (requests, ratings) = (0, 0);
            for (var n = 0; DateTime.UtcNow < until; n++)
            {
                var write = (n % 4) switch
                {
                    0 => new Write("session request", Guid.CreateVersion7(), new Uri(server, "/api/v1/sessions"),
                        new { mentorId = pair.MentorId, scheduledAt = firstStart.AddHours(requests++), duration = 60 }),
                    1 when ratings < pair.Ratable.Length => new Write("rating", Guid.CreateVersion7(),
                        new Uri(server, $"/api/v1/sessions/{pair.Ratable[ratings++]}/rating"), new { rating = 1 + n % 5 }),
                    _ => new Write("message", Guid.CreateVersion7(), new Uri(server, "/api/v1/messages"),
                        new { receiverId = pair.MentorId, content = $"fault {run} {i} {n}" }),
                };
                var outcome = await WriteUntilAnsweredAsync(http, pair.MenteeToken, write);
                lock (outcomes)
                {
                    outcomes.Add(outcome);
                }
            }
        }));

        await ReportAsync(database, all, outcomes);
    }

    /// <summary>Sends the write, and again with the same id after 100 ms while the answer is no answer or a 5xx.</summary>
    private static async Task<Outcome> WriteUntilAnsweredAsync(HttpClient http, string token, Write write)
    {
        var outcome = new Outcome(write, []);
        var giveUp = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            int? status;
            try
            {
                using var request = Authorized(HttpMethod.Post, write.Path, token);
                request.Content = JsonContent.Create(WithId(write));
                using var response = await http.SendAsync(request);
                status = (int)response.StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                status = null;
            }

            outcome.Answers.Add(status);
            if (status is >= 200 and < 500 || DateTime.UtcNow > giveUp)
            {
                return outcome;
            }

            await Task.Delay(100);
        }
    }

    private static Dictionary<string, object?> WithId(Write write)
    {
        var body = write.Body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(write.Body));
        body["id"] = write.Id;
        return body;
    }

    private static async Task ReportAsync(string database, List<Pair> pairs, List<Outcome> outcomes)
    {
        // A connection of its own: the pool's were cut by the restarts.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var ids = outcomes.Select(o => o.Write.Id).ToArray();
        var stored = new HashSet<Guid>(await ReadAsync<Guid>(connection, """
            SELECT id FROM messages WHERE id = ANY($1) UNION ALL SELECT id FROM sessions WHERE id = ANY($1)
            UNION ALL SELECT id FROM ratings WHERE id = ANY($1)
            """, ids));
        // The same write under two ids would be a second row with the same message text, mentee and start, or rater and session.
        var twice = (await ReadAsync<long>(connection, """
            SELECT count(*) - count(DISTINCT content) FROM messages WHERE sender_id = ANY($1)
            UNION ALL SELECT count(*) - count(DISTINCT (mentee_id, scheduled_at)) FROM sessions WHERE mentee_id = ANY($1) AND status = 'pending'
            UNION ALL SELECT count(*) - count(DISTINCT (session_id, rater_id)) FROM ratings WHERE rater_id = ANY($1)
            """, pairs.Select(p => p.MenteeId).ToArray())).Sum();
        var requestsStored = await ReadAsync<long>(connection,
            "SELECT count(*) FROM sessions WHERE mentee_id = ANY($1) AND status = 'pending'", pairs.Select(p => p.MenteeId).ToArray());
        var requestEmails = await ReadAsync<long>(connection,
            "SELECT count(*) FROM email_outbox WHERE recipient = ANY($1) AND subject LIKE 'New session request%'", pairs.Select(p => p.MentorEmail).ToArray());

        Console.WriteLine("| answer | requests |");
        Console.WriteLine("|---|---|");
        foreach (var group in outcomes.SelectMany(o => o.Answers).GroupBy(a => a is { } status ? status.ToString(CultureInfo.InvariantCulture) : "no answer").OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| write | writes | acknowledged | acknowledged and lost | sent again | found stored on a retry (200) | not acknowledged in 60 s | refused (4xx) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var kind in outcomes.GroupBy(o => o.Write.Kind).OrderBy(g => g.Key))
        {
            var acknowledged = kind.Where(o => o.Acknowledged).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind.Key} | {kind.Count()} | {acknowledged.Count} | {acknowledged.Count(o => !stored.Contains(o.Write.Id))} | "
                + $"{kind.Count(o => o.Answers.Count > 1)} | {acknowledged.Count(o => o.Answers.Count > 1 && o.Answers[^1] == 200)} | "
                + $"{kind.Count(o => o.Answers[^1] is null or >= 500)} | {kind.Count(o => o.Answers[^1] is >= 400 and < 500)} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Stored twice: {twice}. Session requests stored: {requestsStored.Single()}, their emails to the mentor in the outbox (queued or sent): {requestEmails.Single()}."));
    }

    /// <summary>Completed sessions of the pair, a day apart in the past, for the mentee to rate.</summary>
    private static async Task<Guid[]> SeedCompletedAsync(string database, Guid mentorId, Guid menteeId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO sessions (id, mentor_id, mentee_id, status, scheduled_at, duration)
            SELECT gen_random_uuid(), $1, $2, 'completed', date_trunc('hour', now()) - make_interval(days => g), 60 FROM generate_series(1, $3) g
            RETURNING id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = mentorId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = menteeId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = RatablePerPair });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids];
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Array values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = values });
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }
}
