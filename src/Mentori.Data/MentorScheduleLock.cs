using Microsoft.EntityFrameworkCore;

namespace Mentori.Data;

/// <summary>Transaction-scoped locks on one user's schedule.</summary>
public static class MentorScheduleLock
{
    /// <summary>
    /// Serialises, until the current transaction ends, every change to one mentor's accepted sessions.
    /// On PostgreSQL the exclusion constraint still decides who wins, but writers that race into it unserialised
    /// wait on each other's uncommitted rows: with a few dozen at once the deadlock detector aborts one after
    /// another and they can go on forever (seen with 32 contenders). A transaction-scoped advisory lock per
    /// mentor lets them through one at a time. SQLite already runs one writer at a time.
    /// </summary>
    public static Task LockMentorScheduleAsync(this MentoriDb db, Guid mentorId, CancellationToken cancellationToken = default) =>
        LockScheduleAsync(db, mentorId, cancellationToken);

    /// <summary>
    /// The same lock for a mentee's schedule: a mentee's requests must not overlap each other, and two requests sent
    /// at once would otherwise both pass the check. (A user is a mentor or a mentee, never both, so ids do not clash.)
    /// </summary>
    public static Task LockMenteeScheduleAsync(this MentoriDb db, Guid menteeId, CancellationToken cancellationToken = default) =>
        LockScheduleAsync(db, menteeId, cancellationToken);

    private static async Task LockScheduleAsync(MentoriDb db, Guid userId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The mentor's schedule can only be locked inside a transaction.");
        }

        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(hashtextextended({userId.ToString()}, 0))", cancellationToken);
        }
    }
}
