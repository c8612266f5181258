using Mentori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Features.Backups;

public static class BackupsRegistration
{
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddScoped<IDatabaseBackup>(provider =>
        {
            var db = provider.GetRequiredService<MentoriDb>();
            var connectionString = db.Database.GetConnectionString()!;
            return db.Provider == DatabaseProvider.Postgres
                ? new PostgresBackup(connectionString,
                    new PostgresTools(connectionString, provider.GetRequiredService<IOptions<BackupOptions>>().Value.PostgresToolsDirectory))
                : new SqliteBackup(connectionString);
        });
        services.AddScoped<BackupService>();
        services.AddHostedService<BackupScheduler>();
        return services;
    }
}
