using Mentori.Data;
using Mentori.Server.Infrastructure.Hosting;

namespace Mentori.Server.Features.Profiles;

/// <summary>
/// Once at start and then every <see cref="Interval"/> (by the injected clock), deletes the profile photo files that
/// uploads cut off by a crash or a kill left behind and that are older than <see cref="Grace"/>
/// (<see cref="ProfileImages.SweepLeftOversAsync"/>). Instances sharing the folder may all sweep it: a file gone already is no error.
/// </summary>
public sealed class ProfileImageSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProfileImageSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Far longer than any upload takes from its first byte to the profile pointing at it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    /// <summary>Deletes the left-over files older than <see cref="Grace"/>; the number deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<ProfileImages>()
            .SweepLeftOversAsync(clock.StoredUtcNow() - Grace, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} profile photo files left by interrupted uploads", deleted);
        }

        return deleted;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(clock, Interval, SweepAsync,
        exception => logger.LogError(exception, "Sweeping the profile photo folder failed; trying again in {Interval}", Interval),
        stoppingToken, passFirst: true);
}
