using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MentorDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rating_summaries",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rating_count = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    rating_sum = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    rating_average = table.Column<double>(type: "double precision", nullable: false, defaultValue: 0.0)
                },
                constraints: table =>
                {
                    table.PrimaryKey("rating_summaries_pkey", x => x.user_id);
                    table.ForeignKey(
                        name: "rating_summaries_user_id_fkey",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_rating_summaries_rank",
                table: "rating_summaries",
                columns: new[] { "rating_average", "rating_count", "user_id" },
                descending: new bool[0]);

            // One summary row per user, kept by triggers so that no code path (API, admin command, raw SQL, a
            // cascade) can leave it out of step. Concurrent ratings of one user queue on that row's lock.
            migrationBuilder.Sql("""
                CREATE FUNCTION add_rating_summary() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO rating_summaries (user_id) VALUES (NEW.id);
                    RETURN NEW;
                END
                $$;
                CREATE TRIGGER users_add_rating_summary AFTER INSERT ON users
                    FOR EACH ROW EXECUTE FUNCTION add_rating_summary();

                CREATE FUNCTION count_rating(rated uuid, score_change integer, count_change integer) RETURNS void LANGUAGE sql AS $$
                    UPDATE rating_summaries
                    SET rating_count = rating_count + count_change,
                        rating_sum = rating_sum + score_change,
                        rating_average = CASE WHEN rating_count + count_change = 0 THEN 0
                            ELSE (rating_sum + score_change)::double precision / (rating_count + count_change) END
                    WHERE user_id = rated;
                $$;
                CREATE FUNCTION summarise_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        PERFORM count_rating(OLD.rated_id, -OLD.rating, -1);
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        PERFORM count_rating(NEW.rated_id, NEW.rating, 1);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER ratings_summarise AFTER INSERT OR DELETE OR UPDATE OF rating, rated_id ON ratings
                    FOR EACH ROW EXECUTE FUNCTION summarise_ratings();

                INSERT INTO rating_summaries (user_id, rating_count, rating_sum, rating_average)
                SELECT u.id, count(r.id), coalesce(sum(r.rating), 0), coalesce(avg(r.rating), 0)
                FROM users u LEFT JOIN ratings r ON r.rated_id = u.id
                GROUP BY u.id;
                """);

            // The mentor directory (GET /mentors) on 100 000 mentors: every filter and sort has an index. The
            // queries in MentorDirectorySql repeat these expressions exactly, or PostgreSQL cannot use them.
            migrationBuilder.Sql("""
                CREATE FUNCTION prefix_tsquery(search text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT to_tsquery('simple', string_agg(quote_literal(word) || ':*', ' & '))
                    FROM unnest(tsvector_to_array(to_tsvector('simple', search))) AS word
                $$;
                COMMENT ON FUNCTION prefix_tsquery(text) IS
                    'Every word of a search text, split as to_tsvector splits documents, as a prefix; immutable, so the planner folds it and estimates the match.';
                CREATE INDEX idx_profiles_expertise_lower ON profiles USING gin ((lower(expertise::text)::jsonb));
                CREATE INDEX idx_profiles_search ON profiles USING gin ((
                    setweight(to_tsvector('simple', first_name || ' ' || last_name), 'A')
                    || setweight(to_tsvector('simple', coalesce(expertise::text, '')), 'B')
                    || setweight(to_tsvector('simple', coalesce(bio, '')), 'C')));
                CREATE INDEX idx_profiles_availability ON profiles USING gin (availability);
                CREATE INDEX idx_profiles_experience ON profiles ((coalesce(years_experience, -1)) DESC, user_id DESC);
                CREATE INDEX idx_profiles_rate ON profiles ((coalesce(hourly_rate, 100000000)), user_id);
                CREATE INDEX idx_users_listed_mentors_newest ON users (created_at DESC, id DESC) WHERE role = 'mentor' AND is_active;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX idx_profiles_expertise_lower, idx_profiles_search, idx_profiles_availability,
                    idx_profiles_experience, idx_profiles_rate, idx_users_listed_mentors_newest;
                DROP FUNCTION prefix_tsquery(text);
                DROP TRIGGER ratings_summarise ON ratings;
                DROP TRIGGER users_add_rating_summary ON users;
                DROP FUNCTION summarise_ratings(), count_rating(uuid, integer, integer), add_rating_summary();
                """);
            migrationBuilder.DropTable(
                name: "rating_summaries");
        }
    }
}
