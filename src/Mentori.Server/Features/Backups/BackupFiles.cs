using System.Globalization;
using Mentori.Data;

namespace Mentori.Server.Features.Backups;

/// <summary>One backup file in the folder, with the moment it was taken (from its name).</summary>
public sealed record BackupFile(string Path, DateTime TakenAt, long SizeBytes)
{
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// The backup folder: files named <c>mentori-20261201T030000Z.dump</c> (PostgreSQL) or <c>.db</c> (SQLite), each
/// written under a temporary name, flushed to disk and only then renamed, so a file with a backup's name is whole.
/// </summary>
public sealed class BackupFiles(string directory, DatabaseProvider provider)
{
    private const string Prefix = "mentori-";
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    public string Directory { get; } = directory;

    private string Extension => provider == DatabaseProvider.Postgres ? ".dump" : ".db";

    /// <summary>The temporary path run <paramref name="runId"/>, taken at <paramref name="takenAt"/>, is written to, and its final path.</summary>
    public (string Temporary, string Final) PathsFor(DateTime takenAt, Guid runId)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var final = System.IO.Path.Combine(Directory, Prefix + takenAt.ToString(TimeFormat, CultureInfo.InvariantCulture) + Extension);
        return ($"{final}.{runId:N}.partial", final);
    }

    /// <summary>Flushes the written file to disk and gives it its name; a file of that name is never half written.</summary>
    public static void Publish(string temporary, string final)
    {
        using (var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, final, overwrite: false);
    }

    /// <summary>The backups in the folder, newest first.</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory, Prefix + "*" + Extension)
            .Select(path => TryParse(path, out var takenAt) ? new BackupFile(path, takenAt, new FileInfo(path).Length) : null)
            .OfType<BackupFile>()
            .OrderByDescending(file => file.TakenAt)
            .ToList();
    }

    /// <summary>
    /// Deletes backups taken before <paramref name="cutoff"/> but <paramref name="keep"/>, and temporary files a crash
    /// left; the names deleted.
    /// </summary>
    public IReadOnlyList<string> DeleteOlderThan(DateTime cutoff, string keep)
    {
        var deleted = new List<string>();
        foreach (var file in List().Where(file => file.TakenAt < cutoff && file.Name != keep))
        {
            File.Delete(file.Path);
            deleted.Add(file.Name);
        }

        foreach (var partial in System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, Prefix + "*.partial") : [])
        {
            if (File.GetLastWriteTimeUtc(partial) < cutoff)
            {
                File.Delete(partial);
            }
        }

        return deleted;
    }

    private static bool TryParse(string path, out DateTime takenAt)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        return DateTime.TryParseExact(name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : "", TimeFormat,
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out takenAt);
    }
}
