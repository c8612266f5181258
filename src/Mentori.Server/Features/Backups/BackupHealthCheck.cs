using Mentori.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mentori.Server.Features.Backups;

/// <summary><c>/health/backups</c>: healthy while the last good backup is at most <see cref="MaxAge"/> old.</summary>
public sealed class BackupHealthCheck(BackupService backups, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(26);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!backups.ScheduleEnabled)
        {
            return HealthCheckResult.Healthy("Daily backups are off (Backups:Enabled).");
        }

        var last = await backups.LastGoodAsync(cancellationToken);
        var failure = await backups.LastFailureAsync(last?.FinishedAt, cancellationToken);
        var data = new Dictionary<string, object>();
        if (last is not null)
        {
            data["lastGoodBackup"] = last.FileName!;
            data["lastGoodBackupAt"] = last.FinishedAt!.Value;
        }

        if (failure is not null)
        {
            data["lastError"] = failure.Error!;
        }

        var age = last?.FinishedAt is { } finished ? clock.StoredUtcNow() - finished : (TimeSpan?)null;
        return age is { } fresh && fresh <= MaxAge
            ? HealthCheckResult.Healthy($"The last good backup was taken {fresh.TotalHours:F1} hours ago.", data)
            : HealthCheckResult.Unhealthy(last is null
                ? $"No good backup has been taken yet.{(failure is null ? "" : " Last error: " + failure.Error)}"
                : $"The last good backup is {age!.Value.TotalHours:F0} hours old.{(failure is null ? "" : " Last error: " + failure.Error)}", data: data);
    }
}
