namespace Mentori.Data.Entities;

/// <summary>
/// Mentori's own table: one backup, taken on schedule or by hand. A scheduled run is keyed by its daily slot, so of
/// several server instances exactly one claims and takes each day's backup.
/// </summary>
public class BackupRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The daily slot this run is for; null for a backup taken by hand.</summary>
    public DateTime? ScheduledFor { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The file's name in the backup folder, once written.</summary>
    public string? FileName { get; set; }

    public long? SizeBytes { get; set; }

    /// <summary>The written file was read back and found whole.</summary>
    public bool Verified { get; set; }

    /// <summary>Why the run failed, in one line.</summary>
    public string? Error { get; set; }
}
