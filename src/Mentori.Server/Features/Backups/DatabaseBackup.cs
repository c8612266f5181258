namespace Mentori.Server.Features.Backups;

/// <summary>A backup could not be taken, read or restored; the message is one line an operator can act on.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>How one database provider writes, checks and restores a backup of the configured database.</summary>
public interface IDatabaseBackup
{
    /// <summary>Writes a backup of the whole database to <paramref name="path"/>, safely while the server writes.</summary>
    Task WriteAsync(string path, CancellationToken cancellationToken);

    /// <summary>Reads the file back; <see cref="BackupException"/> when it is not a whole Mentori backup.</summary>
    Task VerifyAsync(string path, CancellationToken cancellationToken);

    /// <summary>Whether the configured database has no tables at all.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Restores a verified backup into the configured database, replacing what is there, all or nothing: a failure
    /// half-way leaves the database as it was.
    /// </summary>
    Task RestoreAsync(string path, CancellationToken cancellationToken);
}
