namespace Mentori.Server.Features.Backups;

/// <summary>
/// Takes the daily backup: every minute (by the injected clock), and once at start, it asks
/// <see cref="BackupService.RunScheduledAsync"/> whether the latest slot still needs one.
/// </summary>
public sealed class BackupScheduler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BackupScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var backups = scope.ServiceProvider.GetRequiredService<BackupService>();
                if (backups.ScheduleEnabled)
                {
                    await backups.RunScheduledAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed backup is recorded with its error and logged by BackupService; this is anything else.
                logger.LogWarning(exception, "The daily backup did not complete");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
