using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DirectorySearchFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Profiles saved before days without ranges were left out: drop those days, so the day filter
            // ("has the key") is right for them too.
            migrationBuilder.Sql("""
                UPDATE profiles
                SET availability = (SELECT coalesce(json_group_object(day.key, json(day.value)), '{}')
                                    FROM json_each(profiles.availability) AS day
                                    WHERE day.type = 'array' AND json_array_length(day.value) > 0)
                WHERE json_type(availability) = 'object'
                  AND EXISTS (SELECT 1 FROM json_each(profiles.availability) AS day
                              WHERE day.type <> 'array' OR json_array_length(day.value) = 0);
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
