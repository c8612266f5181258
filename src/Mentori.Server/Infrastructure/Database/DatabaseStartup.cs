namespace Mentori.Server.Infrastructure.Database;

public static class DatabaseStartup
{
    /// <summary>Applies migrations (the schema document's "auto-migration on startup"); in Development, adds sample data to an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        if (app.Environment.IsDevelopment())
        {
            await scope.ServiceProvider.GetRequiredService<SampleData>().SeedIfEmptyAsync();
        }
    }
}
