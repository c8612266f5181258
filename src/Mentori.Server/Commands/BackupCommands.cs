using System.Globalization;
using System.Text;
using Mentori.Data;
using Mentori.Server.Features.Backups;

namespace Mentori.Server.Commands;

/// <summary><c>backup</c>, <c>backups</c> and <c>restore FILE [--force]</c>: what an operator does by hand with backups.</summary>
public sealed class BackupCommands(BackupService backups, TimeProvider clock)
{
    /// <summary>Takes a backup now; the file's path.</summary>
    public async Task<string> BackupAsync(CancellationToken cancellationToken)
    {
        var run = await backups.BackUpNowAsync(cancellationToken);
        return Path.Combine(backups.Files.Directory, run.FileName!);
    }

    /// <summary>One line a backup, newest first: name, size, age, and whether it was read back whole.</summary>
    public async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var listing = await backups.ListAsync(cancellationToken);
        if (listing.Count == 0)
        {
            return $"No backups in {backups.Files.Directory}.";
        }

        var now = clock.StoredUtcNow();
        var lines = new StringBuilder();
        foreach (var backup in listing)
        {
            var verified = backup.Verified switch { true => "verified", false => "NOT verified", null => "not recorded" };
            lines.AppendLine(CultureInfo.InvariantCulture,
                $"{backup.Name}  {backup.SizeBytes / 1024.0:F1} KiB  {Age(now - backup.TakenAt)}  {verified}");
        }

        return lines.ToString().TrimEnd();
    }

    public async Task<string> RestoreAsync(string? file, bool force, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            throw new AdminCommandException("name the backup file: restore FILE [--force]");
        }

        var safety = await backups.RestoreAsync(file, force, cancellationToken);
        return safety is null ? $"Restored {file}." : $"Restored {file}; what was there before is in {safety}.";
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{age.TotalDays:F0} days old" : age.TotalHours >= 1 ? $"{age.TotalHours:F0} hours old" : $"{Math.Max(0, age.TotalMinutes):F0} minutes old";
}
