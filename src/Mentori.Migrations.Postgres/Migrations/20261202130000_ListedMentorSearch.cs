using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ListedMentorSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Whether a profile is a listed mentor's (an active user with the mentor role), kept on the profile by
            // the database so that the search index can cover listed mentors only. Mentees have names too: at a
            // million users a name matched five times as many profiles as listed mentors, all fetched and then
            // dropped by the join to users.
            migrationBuilder.Sql("""
                ALTER TABLE profiles ADD COLUMN listed boolean NOT NULL DEFAULT false;
                UPDATE profiles p SET listed = true FROM users u WHERE u.id = p.user_id AND u.role = 'mentor' AND u.is_active;

                CREATE FUNCTION set_profile_listed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.listed := EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id AND u.role = 'mentor' AND u.is_active);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER profiles_set_listed BEFORE INSERT OR UPDATE OF user_id ON profiles
                    FOR EACH ROW EXECUTE FUNCTION set_profile_listed();

                CREATE FUNCTION update_profile_listed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE profiles SET listed = (NEW.role = 'mentor' AND NEW.is_active)
                    WHERE user_id = NEW.id AND listed <> (NEW.role = 'mentor' AND NEW.is_active);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER users_update_profile_listed AFTER UPDATE OF role, is_active ON users
                    FOR EACH ROW EXECUTE FUNCTION update_profile_listed();

                DROP INDEX idx_profiles_search;
                CREATE INDEX idx_profiles_search ON profiles USING gin (search_document) WHERE listed;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX idx_profiles_search;
                CREATE INDEX idx_profiles_search ON profiles USING gin (search_document);
                DROP TRIGGER users_update_profile_listed ON users;
                DROP FUNCTION update_profile_listed();
                DROP TRIGGER profiles_set_listed ON profiles;
                DROP FUNCTION set_profile_listed();
                ALTER TABLE profiles DROP COLUMN listed;
                """);
        }
    }
}
