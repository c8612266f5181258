using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "response_summaries",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    received = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    answered = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    response_rate = table.Column<double>(type: "REAL", nullable: true),
                    median_response_minutes = table.Column<int>(type: "INTEGER", nullable: true),
                    window_ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    stale = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false)
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

            // As on PostgreSQL (see its migration): a row per user, marked stale by triggers, computed by ResponseSummaries.
            migrationBuilder.Sql("""
                CREATE TRIGGER users_add_response_summary AFTER INSERT ON users
                BEGIN
                    INSERT INTO response_summaries (user_id) VALUES (NEW.id);
                END;
                CREATE TRIGGER sessions_decided_mark_response_summary AFTER UPDATE OF status ON sessions
                    WHEN OLD.status = 'pending' AND NEW.status <> 'pending'
                BEGIN
                    UPDATE response_summaries SET stale = 1 WHERE user_id = OLD.mentor_id;
                END;
                CREATE TRIGGER sessions_deleted_mark_response_summary AFTER DELETE ON sessions
                    WHEN OLD.answered_at IS NOT NULL OR OLD.decline_reason = 'expired'
                BEGIN
                    UPDATE response_summaries SET stale = 1 WHERE user_id = OLD.mentor_id;
                END;

                -- Without the trigger that would stamp updated_at with now (the sessions did not change), made again as
                -- the Initial migration made it.
                DROP TRIGGER sessions_set_updated_at;
                UPDATE sessions SET answered_at = updated_at
                WHERE status = 'accepted' OR (status = 'declined' AND decline_reason = 'mentor');
                CREATE TRIGGER sessions_set_updated_at AFTER UPDATE ON sessions
                FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
                BEGIN
                    UPDATE sessions SET updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = NEW.id;
                END;
                INSERT INTO response_summaries (user_id, stale)
                SELECT u.id, EXISTS (SELECT 1 FROM sessions s WHERE s.mentor_id = u.id) FROM users u;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sessions_deleted_mark_response_summary;
                DROP TRIGGER sessions_decided_mark_response_summary;
                DROP TRIGGER users_add_response_summary;
                """);
            migrationBuilder.DropTable(
                name: "response_summaries");

            migrationBuilder.DropColumn(
                name: "answered_at",
                table: "sessions");
        }
    }
}
