using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Sessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "session_reminders",
                columns: table => new
                {
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("session_reminders_pkey", x => x.session_id);
                    table.ForeignKey(
                        name: "session_reminders_session_id_fkey",
                        column: x => x.session_id,
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_sessions_mentee_schedule",
                table: "sessions",
                columns: new[] { "mentee_id", "scheduled_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "idx_sessions_mentor_schedule",
                table: "sessions",
                columns: new[] { "mentor_id", "scheduled_at", "id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "session_reminders");

            migrationBuilder.DropIndex(
                name: "idx_sessions_mentee_schedule",
                table: "sessions");

            migrationBuilder.DropIndex(
                name: "idx_sessions_mentor_schedule",
                table: "sessions");
        }
    }
}
