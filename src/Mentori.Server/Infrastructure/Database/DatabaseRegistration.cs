using Mentori.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Database;

public static class DatabaseRegistration
{
    public static IServiceCollection AddMentoriDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(options => options.ConnectionString = configuration.GetConnectionString("Mentori") ?? options.ConnectionString)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Pooled: a request rents a context whose internal services are already set up (setting them up took a
        // quarter of a short read's time, docs/performance.md); the options, the clock and the interceptors are singletons.
        services.AddDbContextPool<MentoriDb>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            options.UseMentoriDatabase(database.Provider, ConnectionStringFor(database, environment))
                .AddInterceptors(provider.GetServices<IInterceptor>());
        });
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<SampleData>();
        return services;
    }

    /// <summary>A relative SQLite file is placed under the content root, not wherever the process was started.</summary>
    internal static string ConnectionStringFor(DatabaseOptions database, IHostEnvironment environment)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return database.ConnectionString;
        }

        var sqlite = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (sqlite.DataSource is not (":memory:" or "") && sqlite.Mode != SqliteOpenMode.Memory)
        {
            sqlite.DataSource = Configuration.ContentPaths.Resolve(environment, sqlite.DataSource);
        }

        return sqlite.ConnectionString;
    }
}
