using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mentori.Data;

public static class MentoriDbOptions
{
    public const string PostgresMigrationsAssembly = "Mentori.Migrations.Postgres";
    public const string SqliteMigrationsAssembly = "Mentori.Migrations.Sqlite";

    /// <summary>The one place that knows how each provider is wired: used by the host, the EF tools and the tests.</summary>
    public static DbContextOptionsBuilder UseMentoriDatabase(
        this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString) =>
        (provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(WithUtcSessions(connectionString),
                npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)),
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString,
                sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(SqliteUnicodeLower.Instance),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        }).UseSnakeCaseNamingConvention();

    /// <summary>
    /// The schema's <c>timestamp</c> columns hold UTC; a UTC session makes the database's own
    /// <c>CURRENT_TIMESTAMP</c> (column defaults, the updated_at trigger) agree with the application.
    /// </summary>
    private static string WithUtcSessions(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Timezone ??= "UTC";
        return builder.ConnectionString;
    }
}
