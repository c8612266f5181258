using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UnreadMessageEmails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Everyone who saved a choice before this email existed gets it, as a user without a row does.
            migrationBuilder.AddColumn<bool>(
                name: "unread_messages",
                table: "notification_preferences",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "chat_connections",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seen_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("chat_connections_pkey", x => x.id);
                    table.ForeignKey(
                        name: "chat_connections_user_id_fkey",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "unread_message_notices",
                columns: table => new
                {
                    receiver_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    notified_up_to = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("unread_message_notices_pkey", x => new { x.receiver_id, x.sender_id });
                    table.ForeignKey(
                        name: "unread_message_notices_receiver_id_fkey",
                        column: x => x.receiver_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "unread_message_notices_sender_id_fkey",
                        column: x => x.sender_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_chat_connections_instance_id",
                table: "chat_connections",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "idx_chat_connections_user_id",
                table: "chat_connections",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_unread_message_notices_sender_id",
                table: "unread_message_notices",
                column: "sender_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chat_connections");

            migrationBuilder.DropTable(
                name: "unread_message_notices");

            migrationBuilder.DropColumn(
                name: "unread_messages",
                table: "notification_preferences");
        }
    }
}
