using System.Globalization;
using System.Text;
using System.Text.Json;
using Mentori.Data;
using Mentori.Server.Infrastructure.Database;

namespace Mentori.Server.Features.Mentors;

/// <summary>A statement and its named parameters; every value a client sent travels as a parameter.</summary>
public sealed record DirectoryStatement(string Sql, IReadOnlyDictionary<string, object> Parameters);

/// <summary>
/// The directory's SQL for each provider. On PostgreSQL each filter and sort repeats an expression of an index
/// made by the MentorDirectory migration (expertise lower-cased through GIN, full-text search, the sort keys);
/// SQLite, for a small deployment, gets the same answers from plain scans. Every list selects the columns of
/// <see cref="MentorRow"/> in its order.
/// </summary>
public static class MentorDirectorySql
{
    /// <summary>
    /// Where no rate is set, the rate sort and the maxRate filter read this (above any numeric(10,2)). The
    /// expression must stay as the migrations wrote it into the index idx_profiles_rate, or the index goes unused.
    /// </summary>
    public const decimal NoRate = 100_000_000m;

    /// <summary>
    /// The "responsive" sort: the highest response rate first (none counts as −1, below 0 %), then the shortest median
    /// (negated, so that the whole key runs high to low). As in the index idx_response_summaries_rank (migration
    /// ResponseSummaries), or PostgreSQL cannot use it.
    /// </summary>
    private const string ResponsiveRate = "coalesce(rs.response_rate, -1)";

    private const string ResponsiveSpeed = "-coalesce(rs.median_response_minutes, 0)";

    private static readonly string RateOrNone = $"coalesce(p.hourly_rate, {NoRate.ToString(CultureInfo.InvariantCulture)})";

    // Names (A), topics (B) and bio (C), a column PostgreSQL generates (migration StoredSearchDocument) and indexes
    // for listed mentors (idx_profiles_search, migration ListedMentorSearch), so ranking the matches reads each
    // document instead of building it again.
    private const string PostgresSearchDocument = "p.search_document";

    // The words of q as PostgreSQL's own parser splits them, each of three letters or more as a prefix: "pyth mach"
    // finds "Python, Machine Learning", while "a" is only the word "a" (as a prefix it would match most mentors).
    // prefix_tsquery (migrations MentorDirectory, DirectorySearchFixes) is immutable, so the planner evaluates it
    // once and estimates how many mentors match.
    private const string PostgresSearchQuery = "prefix_tsquery(@q)";

    // The topics as a lower-cased text[], folded by the planner into a constant (a sub-select would hide it).
    private const string PostgresTopics = "lower(@topics::text)::text[]";

    private static string MentorColumns(DatabaseProvider provider) => $"""
        p.user_id, p.first_name, p.last_name, p.bio, p.profile_image, p.location, p.timezone,
        {(provider == DatabaseProvider.Postgres ? "p.expertise::text" : "p.expertise")} AS expertise,
        p.hourly_rate, p.years_experience, u.created_at, r.rating_average, r.rating_count, rs.response_rate, rs.median_response_minutes
        """;

    /// <summary>
    /// The one definition of a listed mentor, over <c>profiles p JOIN users u</c>: an active user with the mentor role.
    /// Mentees, deactivated mentors and admins are never in the directory, nor bookable.
    /// <see cref="MentorDirectory.ListedMentorProfiles"/> says the same in LINQ, and on PostgreSQL the database keeps
    /// it on each profile too (<c>profiles.listed</c>, for the search index).
    /// </summary>
    private const string ListedMentor = "u.role = 'mentor' AND u.is_active";

    private static string ListedMentors(string responses) => $"""
        FROM profiles p
        JOIN users u ON u.id = p.user_id
        JOIN rating_summaries r ON r.user_id = p.user_id
        {responses}
        WHERE {ListedMentor}
        """;

    // Every user has a response summary. An inner join lets the "responsive" sort walk its index first; for every other
    // list an outer join, which PostgreSQL does not reorder: it plans in 0.3 ms less (0.5 instead of 0.8 ms, warm).
    private const string ResponsesDrive = "JOIN response_summaries rs ON rs.user_id = p.user_id";
    private const string ResponsesAlongside = "LEFT JOIN response_summaries rs ON rs.user_id = p.user_id";

    // Non-ASCII letters as themselves, not \u escapes, so that lower() can fold them.
    private static readonly JsonSerializerOptions RawJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static DirectoryStatement Search(DatabaseProvider provider, MentorSearch search)
    {
        var parameters = new Dictionary<string, object>();
        var relevance = search.Text is null ? "0" : Relevance(provider, search.Text, parameters);
        var sql = new StringBuilder("SELECT ")
            .Append(MentorColumns(provider))
            .Append(", ").Append(relevance).AppendLine(" AS relevance")
            .AppendLine(ListedMentors(search.Sort == MentorSort.Responsive ? ResponsesDrive : ResponsesAlongside));
        AppendFilters(sql, parameters, provider, search, relevance);

        var (keys, descending) = SortKeys(search.Sort, relevance);
        AppendKeyset(sql, parameters, provider, keys, descending, search.Page.After);
        parameters["limit"] = search.Page.FetchCount;
        sql.Append("ORDER BY ").AppendJoin(", ", keys.Select(key => key + (descending ? " DESC" : ""))).AppendLine()
            .Append("LIMIT @limit");
        return new DirectoryStatement(sql.ToString(), parameters);
    }

    /// <summary>
    /// How many mentors the search finds, counting no further than <paramref name="cap"/>: a count of every match of
    /// a broad search would read them all, which the directory's pages never do.
    /// </summary>
    public static DirectoryStatement Count(DatabaseProvider provider, MentorSearch search, int cap)
    {
        var parameters = new Dictionary<string, object> { ["cap"] = cap };
        var relevance = search.Text is null ? "0" : Relevance(provider, search.Text, parameters);
        var sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 AS found ").AppendLine(ListedMentors(responses: ""));
        AppendFilters(sql, parameters, provider, search, relevance);
        sql.Append("LIMIT @cap) capped");
        return new DirectoryStatement(sql.ToString(), parameters);
    }

    /// <summary>The search's filters, as conditions after <see cref="ListedMentors(string)"/>.</summary>
    private static void AppendFilters(StringBuilder sql, Dictionary<string, object> parameters, DatabaseProvider provider, MentorSearch search, string relevance)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        if (search.Expertise.Count > 0)
        {
            if (postgres)
            {
                parameters["expertise"] = JsonSerializer.Serialize(search.Expertise, RawJson);
                sql.AppendLine("AND lower(p.expertise::text)::jsonb @> lower(@expertise)::jsonb");
            }
            else
            {
                for (var i = 0; i < search.Expertise.Count; i++)
                {
                    parameters[$"expertise{i}"] = search.Expertise[i];
                    sql.AppendLine(CultureInfo.InvariantCulture, $"AND EXISTS (SELECT 1 FROM json_each(p.expertise) e WHERE unicode_lower(e.value) = unicode_lower(@expertise{i}))");
                }
            }
        }

        if (search.Text is not null)
        {
            // p.listed repeats the join's condition so that PostgreSQL can use the index, which covers listed mentors only.
            sql.AppendLine(postgres ? $"AND p.listed AND {PostgresSearchDocument} @@ {PostgresSearchQuery}" : $"AND {relevance} > 0");
        }

        if (search.MinYears is { } minYears)
        {
            parameters["minYears"] = minYears;
            sql.AppendLine("AND coalesce(p.years_experience, -1) >= @minYears");
        }

        if (search.MaxRate is { } maxRate)
        {
            parameters["maxRate"] = DatabaseValues.Of(provider, maxRate);
            sql.AppendLine(CultureInfo.InvariantCulture, $"AND {RateOrNone} <= @maxRate");
        }

        if (search.Day is { } day)
        {
            parameters["day"] = postgres ? day : $"$.{day}";
            sql.AppendLine(postgres ? "AND p.availability ? @day" : "AND json_type(p.availability, @day) = 'array'");
        }
    }

    /// <summary>
    /// Mentors whose expertise covers at least one of the topics, most covered first, then by rating. On
    /// PostgreSQL the candidates come from the lower-cased expertise GIN index (<c>?|</c>).
    /// </summary>
    public static DirectoryStatement Recommended(DatabaseProvider provider, IReadOnlyList<string> topics, int fetchCount, MentorSortKey? after)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        var parameters = new Dictionary<string, object>
        {
            ["topics"] = postgres ? topics.ToArray() : JsonSerializer.Serialize(topics, RawJson),
            ["limit"] = fetchCount,
        };
        StringBuilder sql;
        string[] keys;
        if (postgres)
        {
            sql = new StringBuilder("SELECT ").Append(MentorColumns(provider))
                .AppendLine(", 0 AS relevance, m.matched::text, jsonb_array_length(m.matched) AS score")
                .AppendLine(ListedMentors(ResponsesAlongside).Replace("WHERE", $"""
                    CROSS JOIN LATERAL (SELECT coalesce(jsonb_agg(topic ORDER BY position), '[]') AS matched
                        FROM jsonb_array_elements_text(p.expertise) WITH ORDINALITY AS e(topic, position)
                        WHERE lower(topic) = ANY ({PostgresTopics})) m
                    WHERE
                    """, StringComparison.Ordinal))
                .AppendLine($"AND lower(p.expertise::text)::jsonb ?| {PostgresTopics}");
            keys = ["jsonb_array_length(m.matched)", "r.rating_average", "r.rating_count", "r.user_id"];
        }
        else
        {
            // SQLite has no LATERAL: the matches are a column of a sub-select, filtered outside it.
            sql = new StringBuilder("SELECT m.*, json_array_length(m.matched) AS score FROM (SELECT ").Append(MentorColumns(provider))
                .AppendLine("""
                    , 0 AS relevance, (SELECT json_group_array(e.value) FROM json_each(p.expertise) e
                        WHERE unicode_lower(e.value) IN (SELECT unicode_lower(t.value) FROM json_each(@topics) t)) AS matched
                    """)
                .AppendLine(ListedMentors(ResponsesAlongside))
                .AppendLine(") m WHERE json_array_length(m.matched) > 0");
            keys = ["json_array_length(m.matched)", "m.rating_average", "m.rating_count", "m.user_id"];
        }

        AppendKeyset(sql, parameters, provider, keys, descending: true, after);
        sql.Append("ORDER BY ").AppendJoin(", ", keys.Select(key => key + " DESC")).AppendLine().Append("LIMIT @limit");
        return new DirectoryStatement(sql.ToString(), parameters);
    }

    private static string Relevance(DatabaseProvider provider, string text, Dictionary<string, object> parameters)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            parameters["q"] = text;
            return $"ts_rank({PostgresSearchDocument}, {PostgresSearchQuery})";
        }

        // Every word must appear, as the start of a word (a whole word when shorter than three letters, as in
        // prefix_tsquery); a word in the name weighs 3, in the expertise 2, in the bio 1.
        var words = Words(text);
        var terms = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            parameters[$"word{i}"] = words[i].Length >= 3 ? $" {words[i]}" : $" {words[i]} ";
            terms.Add(string.Create(CultureInfo.InvariantCulture, $"""
                (CASE WHEN instr(search_words(p.first_name || ' ' || p.last_name), @word{i}) > 0 THEN 3.0 ELSE 0 END
                 + CASE WHEN instr(search_words((SELECT group_concat(e.value, ' ') FROM json_each(p.expertise) e)), @word{i}) > 0 THEN 2.0 ELSE 0 END
                 + CASE WHEN instr(search_words(p.bio), @word{i}) > 0 THEN 1.0 ELSE 0 END)
                """));
        }

        var all = string.Join(" AND ", terms.Select(term => $"{term} > 0"));
        return $"(CASE WHEN {all} THEN {string.Join(" + ", terms)} ELSE 0 END)";
    }

    /// <summary>The lower-cased runs of letters and digits of a search text.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        return words.Distinct().ToList();
    }

    /// <summary>The sort expressions, the id last, and whether they run high to low.</summary>
    private static (string[] Keys, bool Descending) SortKeys(MentorSort sort, string relevance) => sort switch
    {
        MentorSort.Relevance => ([relevance, "p.user_id"], true),
        MentorSort.Rating => (["r.rating_average", "r.rating_count", "r.user_id"], true),
        MentorSort.Responsive => ([ResponsiveRate, ResponsiveSpeed, "rs.user_id"], true),
        MentorSort.Experience => (["coalesce(p.years_experience, -1)", "p.user_id"], true),
        MentorSort.Rate => ([RateOrNone, "p.user_id"], false),
        _ => (["u.created_at", "u.id"], true),
    };

    /// <summary>
    /// <c>(k1, k2, id) &lt; (@k0, @k1, @k2)</c>: a row-value comparison, which PostgreSQL turns into one range of
    /// the sort's index, so a deep page costs what the first one does.
    /// </summary>
    private static void AppendKeyset(StringBuilder sql, Dictionary<string, object> parameters, DatabaseProvider provider,
        string[] keys, bool descending, MentorSortKey? after)
    {
        if (after is null)
        {
            return;
        }

        var names = new List<string>();
        for (var i = 0; i < after.Values.Length; i++)
        {
            parameters[$"k{i}"] = DatabaseValues.Of(provider, after.Values[i]);
            names.Add($"@k{i}");
        }

        sql.Append("AND (").AppendJoin(", ", keys).Append(descending ? ") < (" : ") > (").AppendJoin(", ", names).AppendLine(")");
    }
}
