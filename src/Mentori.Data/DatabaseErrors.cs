using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mentori.Data;

/// <summary>
/// Recognises the database's refusals, so the code can turn them into the 409 a client understands
/// instead of checking first and racing.
/// </summary>
public static class DatabaseErrors
{
    public const string SessionOverlapConstraint = "sessions_no_overlapping_accepted";

    private const int SqliteConstraint = 19;

    /// <summary>A mentor's accepted sessions would overlap (exclusion constraint on PostgreSQL, trigger on SQLite).</summary>
    public static bool IsSessionOverlap(Exception exception) => Cause(exception) switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ExclusionViolation
            && postgres.ConstraintName == SessionOverlapConstraint,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.Message.Contains(SessionOverlapConstraint, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>A unique key refused a duplicate.</summary>
    public static bool IsUniqueViolation(Exception exception) => Cause(exception) switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // CONSTRAINT_UNIQUE, CONSTRAINT_PRIMARYKEY
        _ => false,
    };

    /// <summary>A row refers to one that no longer exists (deleted meanwhile).</summary>
    public static bool IsForeignKeyViolation(Exception exception) => Cause(exception) switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 787, // CONSTRAINT_FOREIGNKEY
        _ => false,
    };

    /// <summary>The provider's own exception, beneath EF's wrappers (DbUpdateException, the execution strategy's).</summary>
    private static Exception Cause(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException or SqliteException)
            {
                return current;
            }
        }

        return exception;
    }
}
