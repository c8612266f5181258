namespace Mentori.Bench.Ceiling;

/// <summary>
/// The statements Mentori runs for each hot read on PostgreSQL (taken from its command log), written once by hand
/// with positional parameters: the ceiling runs the same queries without an ORM.
/// </summary>
internal static class CeilingSql
{
    private const string Document = "p.search_document";

    private const string Columns = """
        SELECT p.user_id, p.first_name, p.last_name, p.bio, p.profile_image, p.location, p.timezone, p.expertise::text,
               p.hourly_rate, p.years_experience, r.rating_average, r.rating_count, rs.response_rate, rs.median_response_minutes
        """;

    private const string Listed = """

        FROM profiles p
        JOIN users u ON u.id = p.user_id
        JOIN rating_summaries r ON r.user_id = p.user_id
        JOIN response_summaries rs ON rs.user_id = p.user_id
        WHERE u.role = 'mentor' AND u.is_active
        """;

    private const string ByRating = "\nORDER BY r.rating_average DESC, r.rating_count DESC, r.user_id DESC\nLIMIT $1";

    /// <summary>$1: the page size plus one.</summary>
    public const string Directory = Columns + Listed + ByRating;

    /// <summary>$1: the page size plus one; $2: a JSON array of one lower-cased topic.</summary>
    public const string DirectoryByTopic = Columns + Listed + "\nAND lower(p.expertise::text)::jsonb @> $2::jsonb" + ByRating;

    /// <summary>$1: the page size plus one; $2: the words. The relevance comes last: the cursor's key.</summary>
    public const string DirectorySearch = Columns + ", ts_rank(" + Document + ", prefix_tsquery($2))" + Listed
        + "\nAND p.listed AND " + Document + " @@ prefix_tsquery($2)"
        + "\nORDER BY ts_rank(" + Document + ", prefix_tsquery($2)) DESC, p.user_id DESC\nLIMIT $1";

    /// <summary>$1: the mentor.</summary>
    public const string Mentor = """
        SELECT p.user_id, p.first_name, p.last_name, p.bio, p.profile_image, p.location, p.timezone, p.expertise::text,
               p.hourly_rate, p.years_experience, r.rating_average, r.rating_count, rs.response_rate,
               rs.median_response_minutes, p.availability::text
        FROM profiles p
        JOIN users u ON u.id = p.user_id
        JOIN rating_summaries r ON r.user_id = p.user_id
        JOIN response_summaries rs ON rs.user_id = p.user_id
        WHERE u.role = 'mentor' AND u.is_active AND p.user_id = $1
        """;

    /// <summary>$1: the mentor.</summary>
    public const string MentorWeek = """
        SELECT p.timezone, p.availability::text
        FROM profiles p JOIN users u ON u.id = p.user_id
        WHERE u.role = 'mentor' AND u.is_active AND p.user_id = $1
        """;

    /// <summary>$1: the mentor; $2: the window's end; $3: the earliest start that could reach into the window.</summary>
    public const string AcceptedSessions = """
        SELECT scheduled_at, duration FROM sessions
        WHERE mentor_id = $1 AND status = 'accepted' AND scheduled_at < $2 AND scheduled_at > $3
        """;

    /// <summary>$1: the participant; $2: the page size plus one.</summary>
    public const string Sessions = """
        SELECT s.id, s.status, s.decline_reason, s.scheduled_at, s.duration, s.meeting_link, s.notes, s.mentee_notes, s.mentor_notes,
               s.mentor_id, p.first_name, p.last_name, p.profile_image, s.mentee_id, p0.first_name, p0.last_name, p0.profile_image,
               s.created_at, s.updated_at
        FROM (SELECT * FROM sessions WHERE mentor_id = $1 OR mentee_id = $1 ORDER BY scheduled_at DESC, id DESC LIMIT $2) s
        JOIN users u ON u.id = s.mentor_id
        LEFT JOIN profiles p ON p.user_id = u.id
        JOIN users u0 ON u0.id = s.mentee_id
        LEFT JOIN profiles p0 ON p0.user_id = u0.id
        ORDER BY s.scheduled_at DESC, s.id DESC
        """;

    private const string MessageColumns = "m.id, m.sender_id, m.receiver_id, m.session_id, m.content, m.is_read, m.read_at, m.created_at";

    /// <summary>$1: the member; $2: the page size plus one. Each counterpart's newest message.</summary>
    public const string LastMessages = "SELECT " + MessageColumns + """

        FROM messages m
        WHERE m.id IN (
            SELECT id FROM (
                SELECT id, row_number() OVER (
                    PARTITION BY CASE WHEN sender_id = $1 THEN receiver_id ELSE sender_id END
                    ORDER BY created_at DESC, id DESC) AS position
                FROM messages WHERE sender_id = $1 OR receiver_id = $1) numbered
            WHERE position = 1)
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT $2
        """;

    /// <summary>$1: the counterparts.</summary>
    public const string Names = "SELECT user_id, first_name, last_name, profile_image FROM profiles WHERE user_id = ANY ($1)";

    /// <summary>$1: the member; $2: the counterparts.</summary>
    public const string UnreadBySender = """
        SELECT sender_id, count(*)::int FROM messages
        WHERE receiver_id = $1 AND NOT is_read AND sender_id = ANY ($2)
        GROUP BY sender_id
        """;

    /// <summary>$1: the member; $2: the counterpart; $3: the page size plus one.</summary>
    public const string Thread = "SELECT " + MessageColumns + """

        FROM messages m
        WHERE (m.sender_id = $1 AND m.receiver_id = $2) OR (m.sender_id = $2 AND m.receiver_id = $1)
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT $3
        """;

    /// <summary>$1: the member.</summary>
    public const string UnreadCount = "SELECT count(*)::int FROM messages WHERE receiver_id = $1 AND NOT is_read";

    /// <summary>$1: the id; $2: the sender; $3: the receiver; $4: the text; $5: the time. No row when they share no session.</summary>
    public const string SendMessage = """
        INSERT INTO messages (id, sender_id, receiver_id, content, message_type, is_read, created_at)
        SELECT $1, $2, $3, $4, 'text', false, $5
        WHERE EXISTS (SELECT 1 FROM sessions WHERE (mentor_id = $2 AND mentee_id = $3) OR (mentor_id = $3 AND mentee_id = $2))
        """;
}
