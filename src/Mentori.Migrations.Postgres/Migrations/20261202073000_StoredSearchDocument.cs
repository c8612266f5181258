using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StoredSearchDocument : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The directory's search document, kept by PostgreSQL beside each profile instead of computed again for
            // every match of every search: ranking 3 000 matches read each one's names, topics and bio anew.
            migrationBuilder.Sql("""
                DROP INDEX idx_profiles_search;
                ALTER TABLE profiles ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', first_name || ' ' || last_name), 'A')
                    || setweight(to_tsvector('simple', coalesce(expertise::text, '')), 'B')
                    || setweight(to_tsvector('simple', coalesce(bio, '')), 'C')) STORED;
                CREATE INDEX idx_profiles_search ON profiles USING gin (search_document);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX idx_profiles_search;
                ALTER TABLE profiles DROP COLUMN search_document;
                CREATE INDEX idx_profiles_search ON profiles USING gin ((
                    setweight(to_tsvector('simple', first_name || ' ' || last_name), 'A')
                    || setweight(to_tsvector('simple', coalesce(expertise::text, '')), 'B')
                    || setweight(to_tsvector('simple', coalesce(bio, '')), 'C')));
                """);
        }
    }
}
