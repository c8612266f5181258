using System.Data.Common;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Configuration;
using Mentori.Server.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Features.Backups;

/// <summary>A backup in the folder, as <c>backups</c> lists it: what the runs table knows of it, if anything.</summary>
public sealed record BackupListing(string Name, long SizeBytes, DateTime TakenAt, bool? Verified);

/// <summary>
/// Taking, listing and restoring backups. Every backup is written under a temporary name, read back whole, and only
/// then given its name and recorded in <c>backup_runs</c>; the daily one is claimed there first, by its slot, so of
/// several instances exactly one takes it.
/// </summary>
public sealed class BackupService(
    MentoriDb db,
    MentoriMetrics metrics,
    IDatabaseBackup database,
    IOptions<BackupOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<BackupService> logger)
{
    /// <summary>A failed daily backup is tried again after this long, not every minute.</summary>
    public static readonly TimeSpan RetryFailedAfter = TimeSpan.FromHours(1);

    /// <summary>A daily backup still unfinished after this long was abandoned (its instance died) and is taken again.</summary>
    public static readonly TimeSpan RetryUnfinishedAfter = TimeSpan.FromHours(6);

    public BackupFiles Files { get; } = new(ContentPaths.Resolve(environment, options.Value.Directory), db.Provider);

    public bool ScheduleEnabled => options.Value.Enabled ?? !environment.IsDevelopment();

    /// <summary>The most recent daily slot at or before <paramref name="now"/>.</summary>
    public DateTime LatestSlot(DateTime now)
    {
        var today = now.Date + options.Value.DailyAt.ToTimeSpan();
        return today <= now ? today : today.AddDays(-1);
    }

    /// <summary>
    /// Takes the latest slot's backup if no instance has claimed it yet (so a day missed while the server was down is
    /// taken at the next start), then deletes backups past the retention. Null when there was nothing to do.
    /// </summary>
    public async Task<BackupRun?> RunScheduledAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var slot = LatestSlot(now);
        var run = await ClaimAsync(slot, now, cancellationToken);
        if (run is null)
        {
            return null;
        }

        await TakeAsync(run, cancellationToken);
        DeleteExpired(keep: run.FileName!);
        return run;
    }

    /// <summary>A backup now, outside the schedule (the <c>backup</c> command, and before a restore over data).</summary>
    public async Task<BackupRun> BackUpNowAsync(CancellationToken cancellationToken)
    {
        var run = new BackupRun { StartedAt = Now };
        db.BackupRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await TakeAsync(run, cancellationToken);
        return run;
    }

    public async Task<IReadOnlyList<BackupListing>> ListAsync(CancellationToken cancellationToken)
    {
        var files = Files.List();
        var names = files.Select(f => f.Name).ToList();
        var verified = await db.BackupRuns.AsNoTracking().Where(r => r.FileName != null && names.Contains(r.FileName))
            .ToDictionaryAsync(r => r.FileName!, r => r.Verified, cancellationToken);
        return files.Select(f => new BackupListing(f.Name, f.SizeBytes, f.TakenAt, verified.TryGetValue(f.Name, out var v) ? v : null)).ToList();
    }

    /// <summary>The newest backup that was read back whole, if any.</summary>
    public Task<BackupRun?> LastGoodAsync(CancellationToken cancellationToken) =>
        db.BackupRuns.AsNoTracking().Where(r => r.Verified).OrderByDescending(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The newest run that failed after the last good one, if any: what the health report names.</summary>
    public async Task<BackupRun?> LastFailureAsync(DateTime? since, CancellationToken cancellationToken) =>
        await db.BackupRuns.AsNoTracking().Where(r => r.Error != null && (since == null || r.StartedAt > since))
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Restores <paramref name="path"/> into the configured database. The file is read back whole first; the database
    /// must be empty, unless <paramref name="force"/>, and then a backup of what is there is taken first. The name
    /// of that safety backup, if one was taken.
    /// </summary>
    public async Task<string?> RestoreAsync(string path, bool force, CancellationToken cancellationToken)
    {
        var file = Path.GetFullPath(path);
        await database.VerifyAsync(file, cancellationToken);
        string? safety = null;
        if (!await database.IsEmptyAsync(cancellationToken))
        {
            if (!force)
            {
                throw new BackupException("The database is not empty; add --force to replace it (a backup of it is taken first).");
            }

            safety = (await BackUpNowAsync(cancellationToken)).FileName;
        }

        await database.RestoreAsync(file, cancellationToken);
        logger.LogWarning("Database restored from {File}", file);
        return safety;
    }

    private async Task<BackupRun?> ClaimAsync(DateTime slot, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.BackupRuns.SingleOrDefaultAsync(r => r.ScheduledFor == slot, cancellationToken);
        if (existing is not null)
        {
            // A failed run, or one whose instance died half-way, is claimed again, by one instance, once it is old enough.
            var failedBefore = now - RetryFailedAfter;
            var abandonedBefore = now - RetryUnfinishedAfter;
            var reclaimed = await db.BackupRuns
                .Where(r => r.Id == existing.Id && !r.Verified
                    && ((r.FinishedAt != null && r.StartedAt < failedBefore) || (r.FinishedAt == null && r.StartedAt < abandonedBefore)))
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.StartedAt, now).SetProperty(r => r.FinishedAt, (DateTime?)null)
                    .SetProperty(r => r.Error, (string?)null), cancellationToken);
            if (reclaimed == 0)
            {
                return null;
            }

            await db.Entry(existing).ReloadAsync(cancellationToken);
            return existing;
        }

        var run = new BackupRun { ScheduledFor = slot, StartedAt = now };
        db.BackupRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return run;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return null; // another instance claimed the slot first
        }
    }

    private async Task TakeAsync(BackupRun run, CancellationToken cancellationToken)
    {
        var temporary = "";
        try
        {
            (temporary, var final) = Files.PathsFor(run.StartedAt, run.Id);
            await database.WriteAsync(temporary, cancellationToken);
            await database.VerifyAsync(temporary, cancellationToken);
            BackupFiles.Publish(temporary, final);
            run.FileName = Path.GetFileName(final);
            run.SizeBytes = new FileInfo(final).Length;
            run.Verified = true;
            metrics.Backups.Add(1, new KeyValuePair<string, object?>("result", "verified"));
            logger.LogInformation("Backup {File} taken ({Bytes} bytes)", run.FileName, run.SizeBytes);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (temporary.Length > 0)
            {
                File.Delete(temporary);
            }

            run.Error = Truncate(exception.Message);
            metrics.Backups.Add(1, new KeyValuePair<string, object?>("result", "failed"));
            logger.LogError("Backup failed: {Error}", run.Error);
            throw exception as BackupException ?? new BackupException(run.Error);
        }
        finally
        {
            run.FinishedAt = Now;
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (Exception exception) when (exception is DbException or DbUpdateException)
            {
                // The run stays unfinished in the table and is claimed again later; the backup's own outcome stands.
                logger.LogWarning(exception, "The outcome of backup run {Run} could not be recorded", run.Id);
            }
        }
    }

    /// <summary>Deletes backups past the retention, only after a good one, and never the newest good one.</summary>
    private void DeleteExpired(string keep)
    {
        foreach (var name in Files.DeleteOlderThan(Now.AddDays(-options.Value.RetentionDays), keep))
        {
            logger.LogInformation("Backup {File} deleted: older than {Days} days", name, options.Value.RetentionDays);
        }
    }

    private static string Truncate(string message) => message.Length <= 1000 ? message : message[..1000];

    private DateTime Now => clock.StoredUtcNow();
}
