using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeclineReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "decline_reason",
                table: "sessions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // Every session declined before requests could expire was declined by its mentor. The rule that a declined
            // session, and only one, has a reason is PostgreSQL's CHECK sessions_decline_reason_check; SQLite cannot add
            // a CHECK to a table without rebuilding it (and dropping its triggers), so triggers hold it here.
            migrationBuilder.Sql("UPDATE sessions SET decline_reason = 'mentor' WHERE status = 'declined';");
            foreach (var (name, timing) in new[] { ("insert", "INSERT"), ("update", "UPDATE OF status, decline_reason") })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER sessions_decline_reason_check_{name} BEFORE {timing} ON sessions
                    WHEN NOT ((NEW.status = 'declined' AND NEW.decline_reason IS NOT NULL AND NEW.decline_reason IN ('mentor', 'expired'))
                              OR (NEW.status <> 'declined' AND NEW.decline_reason IS NULL))
                    BEGIN
                        SELECT RAISE(ABORT, 'CHECK constraint failed: sessions_decline_reason_check');
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER sessions_decline_reason_check_insert;");
            migrationBuilder.Sql("DROP TRIGGER sessions_decline_reason_check_update;");
            migrationBuilder.DropColumn(
                name: "decline_reason",
                table: "sessions");
        }
    }
}
