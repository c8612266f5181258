using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    is_verified = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    last_login = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("users_pkey", x => x.id);
                    table.CheckConstraint("users_role_check", "role IN ('mentor', 'mentee', 'admin')");
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    bio = table.Column<string>(type: "TEXT", nullable: true),
                    profile_image = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    timezone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    expertise = table.Column<string>(type: "TEXT", nullable: true),
                    availability = table.Column<string>(type: "TEXT", nullable: true),
                    hourly_rate = table.Column<double>(type: "REAL", nullable: true),
                    years_experience = table.Column<int>(type: "integer", nullable: true),
                    interests = table.Column<string>(type: "TEXT", nullable: true),
                    goals = table.Column<string>(type: "TEXT", nullable: true),
                    experience_level = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("profiles_pkey", x => x.id);
                    table.ForeignKey(
                        name: "profiles_user_id_fkey",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    mentor_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    mentee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    scheduled_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    duration = table.Column<int>(type: "integer", nullable: false, defaultValue: 60),
                    meeting_link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    notes = table.Column<string>(type: "TEXT", nullable: true),
                    mentee_notes = table.Column<string>(type: "TEXT", nullable: true),
                    mentor_notes = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("sessions_pkey", x => x.id);
                    table.CheckConstraint("sessions_distinct_participants_check", "mentor_id <> mentee_id");
                    table.CheckConstraint("sessions_duration_check", "duration >= 30 AND duration <= 180");
                    table.CheckConstraint("sessions_status_check", "status IN ('pending', 'accepted', 'declined', 'completed', 'cancelled')");
                    table.ForeignKey(
                        name: "sessions_mentee_id_fkey",
                        column: x => x.mentee_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "sessions_mentor_id_fkey",
                        column: x => x.mentor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    session_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    sender_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    receiver_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: "text"),
                    is_read = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("messages_pkey", x => x.id);
                    table.CheckConstraint("messages_content_check", "length(content) <= 2000");
                    table.CheckConstraint("messages_content_not_empty_check", "length(content) >= 1");
                    table.CheckConstraint("messages_message_type_check", "message_type = 'text'");
                    table.ForeignKey(
                        name: "messages_receiver_id_fkey",
                        column: x => x.receiver_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "messages_sender_id_fkey",
                        column: x => x.sender_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "messages_session_id_fkey",
                        column: x => x.session_id,
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ratings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    session_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rater_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rated_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    feedback = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("ratings_pkey", x => x.id);
                    table.CheckConstraint("ratings_rating_check", "rating >= 1 AND rating <= 5");
                    table.ForeignKey(
                        name: "ratings_rated_id_fkey",
                        column: x => x.rated_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "ratings_rater_id_fkey",
                        column: x => x.rater_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "ratings_session_id_fkey",
                        column: x => x.session_id,
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_messages_created_at",
                table: "messages",
                column: "created_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "idx_messages_is_read",
                table: "messages",
                column: "is_read");

            migrationBuilder.CreateIndex(
                name: "idx_messages_receiver_id",
                table: "messages",
                column: "receiver_id");

            migrationBuilder.CreateIndex(
                name: "idx_messages_sender_id",
                table: "messages",
                column: "sender_id");

            migrationBuilder.CreateIndex(
                name: "idx_messages_session_id",
                table: "messages",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "idx_profiles_user_id",
                table: "profiles",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "profiles_user_id_key",
                table: "profiles",
                column: "user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_ratings_rated_id",
                table: "ratings",
                column: "rated_id");

            migrationBuilder.CreateIndex(
                name: "idx_ratings_rater_id",
                table: "ratings",
                column: "rater_id");

            migrationBuilder.CreateIndex(
                name: "idx_ratings_session_id",
                table: "ratings",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ratings_session_id_rater_id_key",
                table: "ratings",
                columns: new[] { "session_id", "rater_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_sessions_mentee_id",
                table: "sessions",
                column: "mentee_id");

            migrationBuilder.CreateIndex(
                name: "idx_sessions_mentee_status",
                table: "sessions",
                columns: new[] { "mentee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "idx_sessions_mentor_id",
                table: "sessions",
                column: "mentor_id");

            migrationBuilder.CreateIndex(
                name: "idx_sessions_mentor_status",
                table: "sessions",
                columns: new[] { "mentor_id", "status" });

            migrationBuilder.CreateIndex(
                name: "idx_sessions_scheduled_at",
                table: "sessions",
                column: "scheduled_at");

            migrationBuilder.CreateIndex(
                name: "idx_sessions_status",
                table: "sessions",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_users_email",
                table: "users",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "idx_users_is_active",
                table: "users",
                column: "is_active");

            migrationBuilder.CreateIndex(
                name: "idx_users_role",
                table: "users",
                column: "role");

            migrationBuilder.CreateIndex(
                name: "users_email_key",
                table: "users",
                column: "email",
                unique: true);

            // Decision 6 on SQLite, which has no exclusion constraints: a trigger refuses a second overlapping
            // accepted session of one mentor. SQLite runs one writer at a time, so the check and the write cannot
            // interleave with another transaction's. Half-open ranges, so back-to-back sessions do not collide.
            foreach (var (name, timing) in new[] { ("insert", "INSERT"), ("update", "UPDATE OF status, scheduled_at, duration, mentor_id") })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER sessions_no_overlapping_accepted_{name} BEFORE {timing} ON sessions
                    FOR EACH ROW WHEN NEW.status = 'accepted' AND EXISTS (
                        SELECT 1 FROM sessions other
                        WHERE other.mentor_id = NEW.mentor_id
                          AND other.status = 'accepted'
                          AND other.id <> NEW.id
                          AND unixepoch(other.scheduled_at) < unixepoch(NEW.scheduled_at) + NEW.duration * 60
                          AND unixepoch(NEW.scheduled_at) < unixepoch(other.scheduled_at) + other.duration * 60)
                    BEGIN
                        SELECT RAISE(ABORT, 'sessions_no_overlapping_accepted');
                    END;
                    """);
            }

            // updated_at stays current for updates that do not set it themselves (raw SQL, bulk updates);
            // a value the application sets is kept.
            foreach (var table in new[] { "users", "profiles", "sessions" })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_set_updated_at AFTER UPDATE ON {table}
                    FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
                    BEGIN
                        UPDATE {table} SET updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = NEW.id;
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "ratings");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
