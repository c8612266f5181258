using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Sqlite.Migrations
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
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rating_count = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    rating_sum = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    rating_average = table.Column<double>(type: "REAL", nullable: false, defaultValue: 0.0)
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

            // One summary row per user, kept by triggers (see the PostgreSQL migration for why).
            migrationBuilder.Sql("""
                CREATE TRIGGER users_add_rating_summary AFTER INSERT ON users
                BEGIN
                    INSERT INTO rating_summaries (user_id) VALUES (NEW.id);
                END;
                """);
            foreach (var (name, timing, changes) in new[]
            {
                ("insert", "INSERT", new[] { ("NEW", "+") }),
                ("delete", "DELETE", new[] { ("OLD", "-") }),
                ("update", "UPDATE OF rating, rated_id", new[] { ("OLD", "-"), ("NEW", "+") }),
            })
            {
                var updates = string.Concat(changes.Select(change => $"""
                        UPDATE rating_summaries
                        SET rating_count = rating_count {change.Item2} 1,
                            rating_sum = rating_sum {change.Item2} {change.Item1}.rating,
                            rating_average = CASE WHEN rating_count {change.Item2} 1 = 0 THEN 0
                                ELSE CAST(rating_sum {change.Item2} {change.Item1}.rating AS REAL) / (rating_count {change.Item2} 1) END
                        WHERE user_id = {change.Item1}.rated_id;

                    """));
                migrationBuilder.Sql($"""
                    CREATE TRIGGER ratings_summarise_{name} AFTER {timing} ON ratings
                    BEGIN
                    {updates}END;
                    """);
            }

            migrationBuilder.Sql("""
                INSERT INTO rating_summaries (user_id, rating_count, rating_sum, rating_average)
                SELECT u.id, count(r.id), coalesce(sum(r.rating), 0), coalesce(avg(r.rating), 0)
                FROM users u LEFT JOIN ratings r ON r.rated_id = u.id
                GROUP BY u.id;

                CREATE INDEX idx_profiles_experience ON profiles (coalesce(years_experience, -1) DESC, user_id DESC);
                CREATE INDEX idx_profiles_rate ON profiles (coalesce(hourly_rate, 100000000), user_id);
                CREATE INDEX idx_users_listed_mentors_newest ON users (created_at DESC, id DESC) WHERE role = 'mentor' AND is_active;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX idx_profiles_experience;
                DROP INDEX idx_profiles_rate;
                DROP INDEX idx_users_listed_mentors_newest;
                DROP TRIGGER ratings_summarise_insert;
                DROP TRIGGER ratings_summarise_delete;
                DROP TRIGGER ratings_summarise_update;
                DROP TRIGGER users_add_rating_summary;
                """);
            migrationBuilder.DropTable(
                name: "rating_summaries");
        }
    }
}
