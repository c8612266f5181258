using Microsoft.EntityFrameworkCore;

namespace Mentori.Data;

/// <summary>
/// Mentori's transaction-scoped locks, each held until the current transaction ends. On PostgreSQL they are
/// advisory locks on a key of their own; SQLite already runs one writer at a time and needs none.
/// </summary>
public static class DatabaseLocks
{
    /// <summary>
    /// Serialises every change to one mentor's accepted sessions. On PostgreSQL the exclusion constraint still
    /// decides who wins, but writers that race into it unserialised wait on each other's uncommitted rows: with a
    /// few dozen at once the deadlock detector aborts one after another and they can go on forever (seen with 32
    /// contenders). This lock lets them through one at a time.
    /// </summary>
    public static Task LockMentorScheduleAsync(this MentoriDb db, Guid mentorId, CancellationToken cancellationToken = default) =>
        LockAsync(db, mentorId.ToString(), cancellationToken);

    /// <summary>
    /// The same lock for a mentee's schedule: a mentee's requests must not overlap each other, and two requests sent
    /// at once would otherwise both pass the check. (A user is a mentor or a mentee, never both, so ids do not clash.)
    /// </summary>
    public static Task LockMenteeScheduleAsync(this MentoriDb db, Guid menteeId, CancellationToken cancellationToken = default) =>
        LockAsync(db, menteeId.ToString(), cancellationToken);

    /// <summary>
    /// Serialises every change that can take away an active admin: two admins demoting each other, or the last two
    /// deleting themselves, must not both see "another admin is left".
    /// </summary>
    public static Task LockAdminsAsync(this MentoriDb db, CancellationToken cancellationToken = default) =>
        LockAsync(db, "mentori:admins", cancellationToken);

    private static async Task LockAsync(MentoriDb db, string key, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Mentori's locks are taken inside a transaction.");
        }

        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        }
    }
}
