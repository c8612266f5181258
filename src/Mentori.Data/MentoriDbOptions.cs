using System.Data.Common;
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
            DatabaseProvider.Postgres => builder.UseNpgsql(PostgresConnectionString(connectionString),
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
    /// <c>CURRENT_TIMESTAMP</c> (column defaults, the updated_at trigger) agree with the application. Unless the
    /// connection string says otherwise, statements a connection runs often are prepared (so the hot queries are
    /// planned once, not per request), and a connection goes back to the pool without <c>DISCARD ALL</c>, which would
    /// drop those prepared statements and costs a round trip; Mentori keeps no session state to reset (its
    /// advisory locks are transaction-scoped). Each run is still planned for its own values.
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Timezone ??= "UTC";
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        // A prepared statement otherwise falls back to a generic plan after five runs, which for the directory's
        // full-text search ignores what is searched for and costs a third of its throughput (docs/performance.md).
        if (!given.Contains("OPTIONS"))
        {
            builder.Options = "-c plan_cache_mode=force_custom_plan";
        }

        return builder.ConnectionString;
    }
}
