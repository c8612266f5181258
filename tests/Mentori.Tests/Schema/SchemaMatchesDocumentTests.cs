using Npgsql;

namespace Mentori.Tests.Schema;

/// <summary>
/// Runs the schema document's own CREATE statements in one empty database and the <c>migrate</c> command in
/// another, then compares the two catalogs line by line: columns with types, nullability and defaults; CHECK,
/// foreign-key and exclusion constraints; every index. The only differences allowed are the ones listed here,
/// each with its reason.
/// </summary>
public sealed class SchemaMatchesDocumentTests(PostgresServer postgres)
{
    private static readonly string[] Tables = ["users", "profiles", "sessions", "messages", "ratings"];

    /// <summary>
    /// Columns the document leaves nullable although it gives them a default (or, for scheduled_at, every
    /// session needs one): Mentori always writes a value, and NOT NULL keeps raw SQL from writing NULL.
    /// </summary>
    private static readonly string[] TightenedToNotNull =
    [
        "users.is_active", "users.is_verified", "users.created_at", "users.updated_at",
        "profiles.created_at", "profiles.updated_at",
        "sessions.scheduled_at", "sessions.duration", "sessions.created_at", "sessions.updated_at",
        "messages.message_type", "messages.is_read", "messages.created_at",
        "ratings.created_at",
    ];

    /// <summary>Decision 4: the key is (session_id, rater_id), not session_id alone.</summary>
    private static readonly string[] Replaced =
    [
        "index ratings.ratings_session_id_key CREATE UNIQUE INDEX ratings_session_id_key ON public.ratings USING btree (session_id)",
    ];

    private static readonly (string Line, string Reason)[] Added =
    [
        ("index ratings.ratings_session_id_rater_id_key CREATE UNIQUE INDEX ratings_session_id_rater_id_key ON public.ratings USING btree (session_id, rater_id)",
            "decision 4: one rating per rater per session"),
        ("index ratings.idx_ratings_rater_id CREATE INDEX idx_ratings_rater_id ON public.ratings USING btree (rater_id)",
            "serves ratings given and the cascade when a rater is deleted"),
        ("constraint sessions.sessions_no_overlapping_accepted EXCLUDE USING gist (mentor_id WITH =, tsrange(scheduled_at, (scheduled_at + ((duration)::double precision * '00:01:00'::interval)), '[)'::text) WITH &&) WHERE (((status)::text = 'accepted'::text))",
            "decision 6: no overlapping accepted sessions per mentor"),
        ("index sessions.sessions_no_overlapping_accepted CREATE INDEX sessions_no_overlapping_accepted ON public.sessions USING gist (mentor_id, tsrange(scheduled_at, (scheduled_at + ((duration)::double precision * '00:01:00'::interval)), '[)'::text)) WHERE ((status)::text = 'accepted'::text)",
            "the index behind the exclusion constraint"),
        ("constraint sessions.sessions_duration_check CHECK (((duration >= 30) AND (duration <= 180)))",
            "section 7: duration 30-180 minutes"),
        ("constraint sessions.sessions_distinct_participants_check CHECK ((mentor_id <> mentee_id))",
            "business rule 1: mentors cannot create sessions with themselves"),
        ("index profiles.idx_profiles_expertise_lower CREATE INDEX idx_profiles_expertise_lower ON public.profiles USING gin (((lower((expertise)::text))::jsonb))",
            "directory: expertise filters and recommendations compare case-insensitively"),
        ("column profiles.search_document tsvector NULL DEFAULT ((setweight(to_tsvector('simple'::regconfig, (((first_name)::text || ' '::text) || (last_name)::text)), 'A'::\"char\") || setweight(to_tsvector('simple'::regconfig, COALESCE((expertise)::text, ''::text)), 'B'::\"char\")) || setweight(to_tsvector('simple'::regconfig, COALESCE(bio, ''::text)), 'C'::\"char\"))",
            "directory: the search document (name, expertise, bio), generated and stored so ranking does not build it again"),
        ("column sessions.decline_reason character varying(20) NULL",
            "issue 16: why a declined session was declined, by its mentor or by Mentori when the request expired"),
        ("constraint sessions.sessions_decline_reason_check CHECK (((((status)::text = 'declined'::text) AND (decline_reason IS NOT NULL) AND ((decline_reason)::text = ANY ((ARRAY['mentor'::character varying, 'expired'::character varying])::text[]))) OR (((status)::text <> 'declined'::text) AND (decline_reason IS NULL))))",
            "issue 16: a declined session, and only one, says why"),
        ("column sessions.answered_at timestamp without time zone NULL",
            "issue 16: when the mentor answered the request, for the response rates and times of the directory"),
        ("index sessions.idx_sessions_pending_made CREATE INDEX idx_sessions_pending_made ON public.sessions USING btree (created_at) WHERE ((status)::text = 'pending'::text)",
            "issue 16: the requests past their time to live, found in a range instead of a walk through every session"),
        ("index sessions.idx_sessions_pending_start CREATE INDEX idx_sessions_pending_start ON public.sessions USING btree (scheduled_at) WHERE ((status)::text = 'pending'::text)",
            "issue 16: the requests within the before-start margin, likewise"),
        ("column profiles.listed boolean NOT NULL DEFAULT false",
            "directory: whether the profile is a listed mentor's (an active mentor), kept by triggers for the search index"),
        ("index profiles.idx_profiles_search CREATE INDEX idx_profiles_search ON public.profiles USING gin (search_document) WHERE listed",
            "directory: full-text search over name, expertise and bio, of listed mentors only"),
        ("index profiles.idx_profiles_availability CREATE INDEX idx_profiles_availability ON public.profiles USING gin (availability)",
            "directory: the day filter"),
        ("index profiles.idx_profiles_experience CREATE INDEX idx_profiles_experience ON public.profiles USING btree (COALESCE(years_experience, '-1'::integer) DESC, user_id DESC)",
            "directory: experience sort and minYears"),
        ("index profiles.idx_profiles_rate CREATE INDEX idx_profiles_rate ON public.profiles USING btree (COALESCE(hourly_rate, (100000000)::numeric), user_id)",
            "directory: rate sort and maxRate"),
        ("index users.idx_users_listed_mentors_newest CREATE INDEX idx_users_listed_mentors_newest ON public.users USING btree (created_at DESC, id DESC) WHERE (((role)::text = 'mentor'::text) AND is_active)",
            "directory: newest sort, over listed mentors only"),
        ("index sessions.idx_sessions_mentor_schedule CREATE INDEX idx_sessions_mentor_schedule ON public.sessions USING btree (mentor_id, scheduled_at DESC, id DESC)",
            "a mentor's session list, newest start first, paged by (scheduled_at, id)"),
        ("index sessions.idx_sessions_mentee_schedule CREATE INDEX idx_sessions_mentee_schedule ON public.sessions USING btree (mentee_id, scheduled_at DESC, id DESC)",
            "a mentee's session list, newest start first, paged by (scheduled_at, id)"),
        ("index messages.idx_messages_thread CREATE INDEX idx_messages_thread ON public.messages USING btree (sender_id, receiver_id, created_at DESC, id DESC)",
            "a thread, newest first, paged by (created_at, id)"),
        ("index messages.idx_messages_unread CREATE INDEX idx_messages_unread ON public.messages USING btree (receiver_id, sender_id) WHERE (NOT is_read)",
            "unread counts read unread rows only"),
        ("index ratings.idx_ratings_received CREATE INDEX idx_ratings_received ON public.ratings USING btree (rated_id, created_at DESC, id DESC)",
            "ratings received, newest first, paged by (created_at, id)"),
        ("constraint messages.messages_content_not_empty_check CHECK ((char_length(content) >= 1))",
            "decision 7: messages are 1-2000 characters"),
    ];

    [Fact]
    public async Task Migrate_on_an_empty_database_produces_the_documents_schema()
    {
        await using var document = await postgres.CreateEmptyDatabaseAsync();
        await ExecuteAsync(document, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Schema", "database-schema.sql")));

        await using var migrated = await postgres.CreateEmptyDatabaseAsync();
        var migrate = await ServerCommand.RunAsync(["migrate"], ServerCommand.DatabaseEnvironment(migrated));
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains("Applied ", migrate.Output);

        var expected = (await DescribeAsync(document))
            .Select(TightenNullability)
            .Except(Replaced)
            .Concat(Added.Select(added => added.Line))
            .ToHashSet();
        var actual = (await DescribeAsync(migrated)).ToHashSet();

        Assert.Multiple(
            () => Assert.Empty(expected.Except(actual).Order()),
            () => Assert.Empty(actual.Except(expected).Order()));
    }

    [Fact]
    public async Task Migrate_installs_btree_gist_for_the_exclusion_constraint()
    {
        await using var migrated = await postgres.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(migrated.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_extension WHERE extname = 'btree_gist'", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private static string TightenNullability(string line)
    {
        foreach (var column in TightenedToNotNull)
        {
            if (line.StartsWith($"column {column} ", StringComparison.Ordinal))
            {
                return line.Replace(" NULL", " NOT NULL", StringComparison.Ordinal);
            }
        }

        return line;
    }

    /// <summary>One line per column, constraint and index of the five tables, as PostgreSQL itself prints them.</summary>
    private static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        const string sql = """
            SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
                   || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY(@tables)
              AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            -- A UNIQUE constraint and a unique index are the same rule; both show up as their index below.
            SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text = ANY(@tables) AND contype <> 'u'
            UNION ALL
            SELECT 'index ' || tablename || '.' || indexname || ' ' || indexdef
            FROM pg_indexes
            WHERE schemaname = 'public' AND tablename = ANY(@tables)
            """;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("tables", Tables);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
