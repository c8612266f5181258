using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
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
        }).UseSnakeCaseNamingConvention().ConfigureWarnings(QuietFailures);

    /// <summary>
    /// EF Core logs every failed command and save as an error with a stack trace, before the application has had
    /// a chance to look at it. Many are refusals the application expects and answers with a 4xx (a second rating
    /// hits a unique key); the application's exception handler logs the failures that really are errors, once.
    /// </summary>
    private static void QuietFailures(WarningsConfigurationBuilder warnings) => warnings.Log(
        (RelationalEventId.CommandError, LogLevel.Debug),
        (CoreEventId.SaveChangesFailed, LogLevel.Debug),
        (CoreEventId.QueryIterationFailed, LogLevel.Debug));

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
