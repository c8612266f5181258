using Microsoft.EntityFrameworkCore;

namespace Mentori.Data;

/// <summary>A transaction-scoped lock on the set of active admins.</summary>
public static class AdminRoleLock
{
    /// <summary>
    /// Serialises, until the current transaction ends, every change that can take away an active admin: two admins
    /// demoting each other, or the last two deleting themselves, must not both see "another admin is left".
    /// SQLite already runs one writer at a time.
    /// </summary>
    public static async Task LockAdminsAsync(this MentoriDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The admins can only be locked inside a transaction.");
        }

        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('mentori:admins', 0))", cancellationToken);
        }
    }
}
