using Microsoft.EntityFrameworkCore;

namespace Mentori.Data;

public static class MentorScheduleLock
{
    /// <summary>
    /// Serialises, until the current transaction ends, every change to one mentor's accepted sessions.
    /// On PostgreSQL the exclusion constraint still decides who wins, but writers that race into it unserialised
    /// wait on each other's uncommitted rows: with a few dozen at once the deadlock detector aborts one after
    /// another and they can go on forever (seen with 32 contenders). A transaction-scoped advisory lock per
    /// mentor lets them through one at a time. SQLite already runs one writer at a time.
    /// </summary>
    public static async Task LockMentorScheduleAsync(this MentoriDb db, Guid mentorId, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The mentor's schedule can only be locked inside a transaction.");
        }

        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(hashtextextended({mentorId.ToString()}, 0))", cancellationToken);
        }
    }
}
