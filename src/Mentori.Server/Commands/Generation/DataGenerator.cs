using System.Data.Common;
using System.Globalization;
using Mentori.Server.Features.Messages;
using Mentori.Server.Features.Sessions;
using NpgsqlTypes;
using static Mentori.Server.Commands.Generation.GeneratedText;

namespace Mentori.Server.Commands.Generation;

/// <summary>
/// Writes a plan's rows table by table (<see cref="RowWriter"/>: binary COPY on PostgreSQL) through the real schema:
/// its checks, keys, the exclusion constraint (a trigger on SQLite) and the rating triggers. Each table draws from
/// its own random stream of the seed, so the same plan gives the same people, sessions and messages; times are
/// relative to <paramref name="anchor"/>.
/// Popular mentors and active mentees are more likely to be picked (a power law), as on a real platform.
/// </summary>
internal sealed class DataGenerator(GenerationPlan plan, string passwordHash, DateTime anchor, TextWriter progress)
{
    private const int AcceptedSpacingHours = 2; // longer than the longest accepted session, so none overlap
    private static readonly int[] Durations = [30, 45, 60, 60, 60, 90];

    /// <summary>Mentori's default reminder of a waiting request: generated data is of a deployment with its settings as they come.</summary>
    private static readonly SessionRequestOptions Requests = new();
    private static readonly TimeSpan RemindAfter = Requests.RemindAfter;
    private static readonly TimeSpan RequestTtl = Requests.RequestTtl;
    private static readonly TimeSpan AnswerBeforeStart = Requests.AnswerBeforeStart;

    /// <summary>The anchor is the start of the hour the command runs in.</summary>
    private static readonly TimeSpan AnchorHour = TimeSpan.FromHours(1);

    /// <summary>What it writes to, and (through the triggers) what else changes.</summary>
    public static readonly string[] Tables = ["users", "profiles", "sessions", "ratings", "messages", "rating_summaries", "response_summaries",
        "unread_message_notices", "request_reminders"];

    private Guid[] _users = [];
    private SessionRows _sessions = new(0);
    private readonly Dictionary<(int Receiver, int Sender), DateTime> _newestUnread = [];
    private readonly List<(Guid Session, DateTime Created)> _remindedRequests = [];

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await UsersAsync(connection, transaction, cancellationToken);
        await ProfilesAsync(connection, transaction, cancellationToken);
        await SessionsAsync(connection, transaction, cancellationToken);
        await RatingsAsync(connection, transaction, cancellationToken);
        await MessagesAsync(connection, transaction, cancellationToken);
        await UnreadMessageNoticesAsync(connection, transaction, cancellationToken);
        await RequestRemindersAsync(connection, transaction, cancellationToken);
    }

    private Random Stream(int table) => new(unchecked((plan.Seed * 7919) + table));

    private int Users => plan.Mentors + plan.Mentees;

    private bool IsMentor(int user) => user < plan.Mentors;

    private async Task UsersAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var random = Stream(1);
        _users = new Guid[Users];
        var report = new CopyProgress(progress, "users", Users);
        await using var rows = await RowWriter.BeginAsync(connection, transaction, "users",
            ["id", "email", "password_hash", "role", "is_active", "is_verified", "last_login", "created_at", "updated_at"], cancellationToken);
        for (var user = 0; user < Users; user++)
        {
            var mentor = IsMentor(user);
            var created = anchor.AddMinutes(-random.Next(60, 2 * 365 * 24 * 60));
            var id = _users[user] = NewId(random, created);
            await rows.StartRowAsync(cancellationToken);
            await rows.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(mentor ? $"mentor{user + 1}@example.com" : $"mentee{user - plan.Mentors + 1}@example.com", NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync(passwordHash, NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync(mentor ? "mentor" : "mentee", NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync(!mentor || random.Next(50) != 0, NpgsqlDbType.Boolean, cancellationToken); // 2 % of mentors deactivated
            await rows.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
            await rows.WriteAsync(Between(random, created, anchor), NpgsqlDbType.Timestamp, cancellationToken);
            await rows.WriteAsync(created, NpgsqlDbType.Timestamp, cancellationToken);
            await rows.WriteAsync(created, NpgsqlDbType.Timestamp, cancellationToken);
            report.Row();
        }

        await rows.CompleteAsync(cancellationToken);
        report.Done();
    }

    private async Task ProfilesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var random = Stream(2);
        var report = new CopyProgress(progress, "profiles", Users);
        await using var rows = await RowWriter.BeginAsync(connection, transaction, "profiles",
            ["id", "user_id", "first_name", "last_name", "bio", "location", "timezone", "expertise", "availability", "hourly_rate",
             "years_experience", "interests", "goals", "experience_level", "created_at", "updated_at"], cancellationToken);
        for (var user = 0; user < Users; user++)
        {
            var mentor = IsMentor(user);
            var topics = PickTopics(random, mentor ? 2 : 1, mentor ? 5 : 4);
            var years = random.Next(0, 31);
            var place = random.Next(Zones.Length);
            await rows.StartRowAsync(cancellationToken);
            await rows.WriteAsync(NewId(random, anchor), NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_users[user], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(Pick(random, FirstNames), NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync(Pick(random, LastNames), NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync(mentor
                ? $"{years} years in {topics[0]}. I help with {string.Join(" and ", topics.Skip(1).Take(2))}, code reviews, and finding your next role."
                : $"Learning {topics[0]} and looking for guidance.", NpgsqlDbType.Text, cancellationToken);
            await rows.WriteAsync(Places[place], NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync(Zones[place], NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteJsonOrNullAsync(mentor ? topics : null, cancellationToken);
            await rows.WriteJsonOrNullAsync(mentor ? Availability(random) : null, cancellationToken);
            await rows.WriteOrNullAsync<decimal>(mentor && random.Next(17) != 0 ? 20m + (5 * random.Next(57)) : null, NpgsqlDbType.Numeric, cancellationToken);
            await rows.WriteOrNullAsync<int>(mentor ? years : null, NpgsqlDbType.Integer, cancellationToken);
            await rows.WriteJsonOrNullAsync(mentor ? null : topics, cancellationToken);
            await rows.WriteOrNullAsync(mentor ? null : Pick(random, Goals), NpgsqlDbType.Text, cancellationToken);
            await rows.WriteOrNullAsync(mentor ? null : Pick(random, Levels), NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync(anchor, NpgsqlDbType.Timestamp, cancellationToken);
            await rows.WriteAsync(anchor, NpgsqlDbType.Timestamp, cancellationToken);
            report.Row();
        }

        await rows.CompleteAsync(cancellationToken);
        report.Done();
    }

    private async Task SessionsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var random = Stream(3);
        _sessions = new SessionRows(plan.Sessions);
        var acceptedHours = new HashSet<long>();
        var report = new CopyProgress(progress, "sessions", plan.Sessions);
        await using var rows = await RowWriter.BeginAsync(connection, transaction, "sessions",
            ["id", "mentor_id", "mentee_id", "status", "decline_reason", "answered_at", "scheduled_at", "duration", "meeting_link", "notes", "mentor_notes",
             "created_at", "updated_at"], cancellationToken);
        for (var i = 0; i < plan.Sessions; i++)
        {
            var mentor = Popular(random, plan.Mentors);
            var mentee = plan.Mentors + Popular(random, plan.Mentees);
            var duration = Pick(random, Durations);
            var past = random.Next(10) < 7;
            string status;
            DateTime scheduled, created;
            if (past)
            {
                scheduled = anchor.AddHours(-random.Next(24, 365 * 24));
                created = scheduled.AddHours(-random.Next(1, 21 * 24));
                status = random.Next(100) switch { < 75 => "completed", < 87 => "cancelled", _ => "declined" };
            }
            else
            {
                var hour = AcceptedSpacingHours * random.Next(12, 60 * 24 / AcceptedSpacingHours);
                scheduled = anchor.AddHours(hour);
                status = random.Next(100) switch { < 55 => "accepted", < 90 => "pending", _ => "cancelled" };
                if (status == "accepted" && !acceptedHours.Add(((long)mentor << 20) | (uint)hour))
                {
                    status = "pending"; // the mentor already has an accepted session then
                }

                created = status == "pending" ? anchor.AddMinutes(-random.Next(1, 36 * 60)) : anchor.AddHours(-random.Next(1, 14 * 24));
            }

            var id = NewId(random, created);
            _sessions.Add(i, id, mentor, mentee, scheduled, duration, created, status == "completed");
            if (status == "pending" && created <= anchor + AnchorHour - RemindAfter) // the command runs within its anchor's hour
            {
                _remindedRequests.Add((id, created));
            }

            var booked = status is "accepted" or "completed";
            var declineReason = status == "declined" ? (random.Next(3) == 0 ? "expired" : "mentor") : null;
            var answered = booked || declineReason == "mentor" ? AnsweredAt(random, mentor, created, scheduled) : (DateTime?)null;
            await rows.StartRowAsync(cancellationToken);
            await rows.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_users[mentor], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_users[mentee], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(status, NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteOrNullAsync(declineReason, NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteOrNullAsync(answered, NpgsqlDbType.Timestamp, cancellationToken);
            await rows.WriteAsync(scheduled, NpgsqlDbType.Timestamp, cancellationToken);
            await rows.WriteAsync(duration, NpgsqlDbType.Integer, cancellationToken);
            await rows.WriteOrNullAsync(booked ? $"https://meet.example.com/{id.ToString("N")[..10]}" : null, NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync($"I would like to talk about {Pick(random, Topics)}.", NpgsqlDbType.Text, cancellationToken);
            await rows.WriteOrNullAsync(status == "completed" && random.Next(2) == 0 ? "Agreed on next steps; follow up in two weeks." : null,
                NpgsqlDbType.Text, cancellationToken);
            await rows.WriteAsync(created, NpgsqlDbType.Timestamp, cancellationToken);
            await rows.WriteAsync(status == "completed" ? scheduled.AddMinutes(duration + random.Next(5, 600)) : created, NpgsqlDbType.Timestamp, cancellationToken);
            report.Row();
        }

        await rows.CompleteAsync(cancellationToken);
        report.Done();
    }

    /// <summary>
    /// When the mentor answered a request: each mentor has a usual delay, from minutes to more than a day (a fixed mix
    /// of their number), and each answer takes a quarter to one and three quarters of it; always before the request
    /// would have expired, and not after the anchor.
    /// </summary>
    private DateTime AnsweredAt(Random random, int mentor, DateTime created, DateTime scheduled)
    {
        var usualMinutes = 10 * Math.Pow(2, unchecked((uint)mentor * 2654435761u) % 9);
        var answered = created.AddMinutes(Math.Max(1, usualMinutes * (0.25 + (1.5 * random.NextDouble()))));
        var deadline = Min(Min(created + RequestTtl, scheduled - AnswerBeforeStart), anchor);
        return answered < deadline ? answered : Between(random, created, deadline);
    }

    /// <summary>Completed sessions rated by their mentee, then (for more ratings than sessions) by their mentor too.</summary>
    private async Task RatingsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var random = Stream(4);
        var completed = _sessions.Completed();
        var wanted = Math.Min(plan.Ratings, 2 * completed.Count);
        var report = new CopyProgress(progress, "ratings", wanted);
        await using var rows = await RowWriter.BeginAsync(connection, transaction, "ratings",
            ["id", "session_id", "rater_id", "rated_id", "rating", "feedback", "created_at"], cancellationToken);
        for (var i = 0; i < wanted; i++)
        {
            var session = completed[i % completed.Count];
            var byMentee = i < completed.Count;
            var (rater, rated) = byMentee ? (_sessions.Mentee[session], _sessions.Mentor[session]) : (_sessions.Mentor[session], _sessions.Mentee[session]);
            var ratedAt = Min(_sessions.Scheduled[session].AddMinutes(_sessions.Duration[session] + random.Next(60, 72 * 60)), anchor);
            await rows.StartRowAsync(cancellationToken);
            await rows.WriteAsync(NewId(random, ratedAt), NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_sessions.Id[session], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_users[rater], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_users[rated], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(random.Next(100) switch { < 3 => 1, < 8 => 2, < 20 => 3, < 55 => 4, _ => 5 }, NpgsqlDbType.Integer, cancellationToken);
            await rows.WriteOrNullAsync(random.Next(10) < 6 ? Pick(random, Feedback) : null, NpgsqlDbType.Text, cancellationToken);
            await rows.WriteAsync(ratedAt, NpgsqlDbType.Timestamp, cancellationToken);
            report.Row();
        }

        await rows.CompleteAsync(cancellationToken);
        report.Done();
        if (wanted < plan.Ratings)
        {
            await progress.WriteLineAsync($"ratings: {wanted:N0}, two for each of the {completed.Count:N0} completed sessions; no more can be given");
        }
    }

    /// <summary>Messages between the two people of a session, from its request until two days after it.</summary>
    private async Task MessagesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var random = Stream(5);
        var report = new CopyProgress(progress, "messages", plan.Messages);
        await using var rows = await RowWriter.BeginAsync(connection, transaction, "messages",
            ["id", "session_id", "sender_id", "receiver_id", "content", "message_type", "is_read", "read_at", "created_at"], cancellationToken);
        for (var i = 0; i < plan.Messages; i++)
        {
            var session = random.Next(plan.Sessions);
            var fromMentee = random.Next(2) == 0;
            var (sender, receiver) = fromMentee ? (_sessions.Mentee[session], _sessions.Mentor[session]) : (_sessions.Mentor[session], _sessions.Mentee[session]);
            var sent = Between(random, _sessions.Created[session], Min(_sessions.Scheduled[session].AddDays(2), anchor));
            var read = sent < anchor.AddDays(-1) || random.Next(2) == 0;
            if (!read && (!_newestUnread.TryGetValue((receiver, sender), out var newest) || newest < sent))
            {
                _newestUnread[(receiver, sender)] = sent;
            }

            await rows.StartRowAsync(cancellationToken);
            await rows.WriteAsync(NewId(random, sent), NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_sessions.Id[session], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_users[sender], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_users[receiver], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync($"{Pick(random, Openers)} {Pick(random, Topics)}", NpgsqlDbType.Text, cancellationToken);
            await rows.WriteAsync("text", NpgsqlDbType.Varchar, cancellationToken);
            await rows.WriteAsync(read, NpgsqlDbType.Boolean, cancellationToken);
            await rows.WriteOrNullAsync<DateTime>(read ? Min(sent.AddMinutes(random.Next(1, 600)), anchor) : null, NpgsqlDbType.Timestamp, cancellationToken);
            await rows.WriteAsync(sent, NpgsqlDbType.Timestamp, cancellationToken);
            report.Row();
        }

        await rows.CompleteAsync(cancellationToken);
        report.Done();
    }

    /// <summary>
    /// The unread-message emails a running Mentori would already have sent about the unread messages (all of the last
    /// day), one per conversation, so that the generated data does not start with a backlog of emails all due at once.
    /// </summary>
    private async Task UnreadMessageNoticesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var rows = await RowWriter.BeginAsync(connection, transaction, "unread_message_notices",
            ["receiver_id", "sender_id", "notified_up_to", "sent_at"], cancellationToken);
        foreach (var ((receiver, sender), newest) in _newestUnread)
        {
            await rows.StartRowAsync(cancellationToken);
            await rows.WriteAsync(_users[receiver], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(_users[sender], NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(newest, NpgsqlDbType.Timestamp, cancellationToken);
            await rows.WriteAsync(Min(newest + UnreadMessageEmails.UnreadFor, anchor), NpgsqlDbType.Timestamp, cancellationToken);
        }

        await rows.CompleteAsync(cancellationToken);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"unread_message_notices: {_newestUnread.Count:N0}, as if their emails had been sent"));
    }

    /// <summary>
    /// The reminders a running Mentori would have sent of the requests pending for longer than a day (RequestReminders),
    /// so that the generated data does not start with them all due at once.
    /// </summary>
    private async Task RequestRemindersAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var rows = await RowWriter.BeginAsync(connection, transaction, "request_reminders", ["session_id", "sent_at"], cancellationToken);
        foreach (var (session, created) in _remindedRequests)
        {
            await rows.StartRowAsync(cancellationToken);
            await rows.WriteAsync(session, NpgsqlDbType.Uuid, cancellationToken);
            await rows.WriteAsync(Min(created + RemindAfter, anchor), NpgsqlDbType.Timestamp, cancellationToken);
        }

        await rows.CompleteAsync(cancellationToken);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"request_reminders: {_remindedRequests.Count:N0}, as if they had been sent"));
    }

    /// <summary>
    /// A version-7 id of the row's time, as Mentori makes them, with its random part from the table's stream, so ids
    /// repeat with the seed.
    /// </summary>
    private static Guid NewId(Random random, DateTime time)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = (long)(time - DateTime.UnixEpoch).TotalMilliseconds;
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>0 to <paramref name="count"/> − 1, low numbers far more often: a few people are very active.</summary>
    private static int Popular(Random random, int count) => Math.Min(count - 1, (int)(count * Math.Pow(random.NextDouble(), 1.5)));

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static List<string> PickTopics(Random random, int min, int max)
    {
        var topics = new List<string>();
        var count = random.Next(min, max + 1);
        while (topics.Count < count)
        {
            var topic = Topics[Popular(random, Topics.Length)];
            if (!topics.Contains(topic))
            {
                topics.Add(topic);
            }
        }

        return topics;
    }

    private static Dictionary<string, string[]> Availability(Random random)
    {
        var week = new Dictionary<string, string[]>();
        foreach (var day in Days.Where(_ => random.Next(7) < 3))
        {
            var first = random.Next(Ranges.Length - 1);
            week[day] = random.Next(2) == 0 ? [Ranges[first]] : [Ranges[first], Ranges[first + 1 + random.Next(Ranges.Length - first - 1)]];
        }

        return week;
    }

    private static DateTime Between(Random random, DateTime from, DateTime to) =>
        to <= from ? from : from.AddSeconds(random.NextInt64((long)(to - from).TotalSeconds + 1));

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>What later tables need of the sessions written: who, when, and which are completed.</summary>
    private sealed class SessionRows(int count)
    {
        public readonly Guid[] Id = new Guid[count];
        public readonly int[] Mentor = new int[count];
        public readonly int[] Mentee = new int[count];
        public readonly DateTime[] Scheduled = new DateTime[count];
        public readonly int[] Duration = new int[count];
        public readonly DateTime[] Created = new DateTime[count];
        private readonly bool[] _completed = new bool[count];

        public void Add(int i, Guid id, int mentor, int mentee, DateTime scheduled, int duration, DateTime created, bool completed)
        {
            (Id[i], Mentor[i], Mentee[i], Scheduled[i], Duration[i], Created[i], _completed[i]) = (id, mentor, mentee, scheduled, duration, created, completed);
        }

        public List<int> Completed() => Enumerable.Range(0, Id.Length).Where(i => _completed[i]).ToList();
    }

    /// <summary>One line per tenth of a table, with the rows written and the seconds taken.</summary>
    private sealed class CopyProgress(TextWriter output, string table, long total)
    {
        private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
        private long _rows;

        public void Row()
        {
            _rows++;
            if (total >= 10 && _rows % (total / 10) == 0 && _rows < total)
            {
                Say($"{Math.Round(_rows * 100.0 / total)} %");
            }
        }

        public void Done() => Say("done");

        private void Say(string stage) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{table}: {_rows:N0} of {total:N0} ({stage}), {System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds:F1} s"));
    }
}
