using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DirectorySearchFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A one- or two-letter word as a prefix matches most mentors ("a" took 3 s at 100 000): such words
            // must now match whole.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION prefix_tsquery(search text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT to_tsquery('simple', string_agg(
                        quote_literal(word) || CASE WHEN char_length(word) >= 3 THEN ':*' ELSE '' END, ' & '))
                    FROM unnest(tsvector_to_array(to_tsvector('simple', search))) AS word
                $$;
                """);

            // Profiles saved before days without ranges were left out: drop those days, so the day filter
            // ("has the key") is right for them too.
            migrationBuilder.Sql("""
                UPDATE profiles
                SET availability = (SELECT coalesce(jsonb_object_agg(day.key, day.value), '{}'::jsonb)
                                    FROM jsonb_each(availability) AS day
                                    WHERE jsonb_typeof(day.value) = 'array' AND jsonb_array_length(day.value) > 0)
                WHERE jsonb_typeof(availability) = 'object'
                  AND EXISTS (SELECT 1 FROM jsonb_each(availability) AS day
                              WHERE jsonb_typeof(day.value) <> 'array' OR jsonb_array_length(day.value) = 0);
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION prefix_tsquery(search text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT to_tsquery('simple', string_agg(quote_literal(word) || ':*', ' & '))
                    FROM unnest(tsvector_to_array(to_tsvector('simple', search))) AS word
                $$;
                """);

        }
    }
}
