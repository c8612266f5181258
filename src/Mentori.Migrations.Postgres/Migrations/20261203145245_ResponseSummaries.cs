using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ResponseSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "answered_at",
                table: "sessions",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "response_summaries",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    received = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    answered = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    response_rate = table.Column<double>(type: "double precision", nullable: true),
                    median_response_minutes = table.Column<int>(type: "integer", nullable: true),
                    window_ends_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    stale = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("response_summaries_pkey", x => x.user_id);
                    table.ForeignKey(
                        name: "response_summaries_user_id_fkey",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_response_summaries_stale",
                table: "response_summaries",
                column: "user_id",
                filter: "stale");

            migrationBuilder.CreateIndex(
                name: "idx_response_summaries_window",
                table: "response_summaries",
                column: "window_ends_at");

            // A summary row for every user, as for ratings; a trigger marks it stale whenever one of the mentor's
            // requests is decided (answered, expired, withdrawn) or a decided one is deleted, and ResponseSummaries
            // computes it again. The mark is an UPDATE of the row, never skipped: a pass computing the row holds its
            // lock, so the mark waits and lands after it.
            migrationBuilder.Sql("""
                CREATE FUNCTION add_response_summary() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO response_summaries (user_id) VALUES (NEW.id);
                    RETURN NEW;
                END
                $$;
                CREATE TRIGGER users_add_response_summary AFTER INSERT ON users
                    FOR EACH ROW EXECUTE FUNCTION add_response_summary();

                CREATE FUNCTION mark_response_summary_stale() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE response_summaries SET stale = true WHERE user_id = OLD.mentor_id;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER sessions_decided_mark_response_summary AFTER UPDATE OF status ON sessions
                    FOR EACH ROW WHEN (OLD.status = 'pending' AND NEW.status <> 'pending')
                    EXECUTE FUNCTION mark_response_summary_stale();
                CREATE TRIGGER sessions_deleted_mark_response_summary AFTER DELETE ON sessions
                    FOR EACH ROW WHEN (OLD.answered_at IS NOT NULL OR OLD.decline_reason = 'expired')
                    EXECUTE FUNCTION mark_response_summary_stale();

                -- What is known of the answers so far: an accepted session's last change is its accept (unless its notes
                -- changed since), a mentor's decline is the decline. Completed and cancelled sessions were changed since
                -- their answer, so their answer time is unknown and they are not counted. Without the trigger that would
                -- stamp updated_at with now: the sessions did not change.
                ALTER TABLE sessions DISABLE TRIGGER sessions_set_updated_at;
                UPDATE sessions SET answered_at = updated_at
                WHERE status = 'accepted' OR (status = 'declined' AND decline_reason = 'mentor');
                ALTER TABLE sessions ENABLE TRIGGER sessions_set_updated_at;
                INSERT INTO response_summaries (user_id, stale)
                SELECT u.id, EXISTS (SELECT 1 FROM sessions s WHERE s.mentor_id = u.id) FROM users u;

                -- The directory's "responsive" sort (MentorDirectorySql repeats these expressions): the highest rate
                -- first, then the fastest median, then the id.
                CREATE INDEX idx_response_summaries_rank ON response_summaries
                    ((coalesce(response_rate, -1)) DESC, (-coalesce(median_response_minutes, 0)) DESC, user_id DESC);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sessions_deleted_mark_response_summary ON sessions;
                DROP TRIGGER sessions_decided_mark_response_summary ON sessions;
                DROP TRIGGER users_add_response_summary ON users;
                DROP FUNCTION mark_response_summary_stale(), add_response_summary();
                """);
            migrationBuilder.DropTable(
                name: "response_summaries");

            migrationBuilder.DropColumn(
                name: "answered_at",
                table: "sessions");
        }
    }
}
