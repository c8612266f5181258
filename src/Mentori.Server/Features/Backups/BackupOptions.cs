using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Features.Backups;

/// <summary>The <c>Backups</c> section: a daily backup of the database into a folder, kept for a number of days.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backups";

    /// <summary>Take the daily backup; null means on outside Development.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Where backups are written; relative paths are read against the content root.</summary>
    [Required]
    public string Directory { get; set; } = "data/backups";

    /// <summary>The time of day (UTC) of the daily backup.</summary>
    public TimeOnly DailyAt { get; set; } = new(3, 0);

    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>The folder of pg_dump and pg_restore; unset, they are looked for on PATH and in /usr/lib/postgresql/*/bin.</summary>
    public string? PostgresToolsDirectory { get; set; }
}
