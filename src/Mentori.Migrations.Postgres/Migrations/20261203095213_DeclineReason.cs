using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Postgres.Migrations
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
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            // Every session declined before requests could expire was declined by its mentor.
            migrationBuilder.Sql("UPDATE sessions SET decline_reason = 'mentor' WHERE status = 'declined';");

            migrationBuilder.AddCheckConstraint(
                name: "sessions_decline_reason_check",
                table: "sessions",
                sql: "(status = 'declined' AND decline_reason IS NOT NULL AND decline_reason IN ('mentor', 'expired')) OR (status <> 'declined' AND decline_reason IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "sessions_decline_reason_check",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "decline_reason",
                table: "sessions");
        }
    }
}
