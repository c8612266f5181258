using System.Data.Common;
using Mentori.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mentori.Server.Infrastructure.Database;

/// <summary>
/// A value as raw SQL must send it to compare it with a stored column: SQLite keeps ids as upper-case text and
/// decimals as REAL; PostgreSQL's <c>timestamp without time zone</c> wants a time without a kind.
/// </summary>
public static class DatabaseValues
{
    public static object Of(DatabaseProvider provider, object value) => (provider, value) switch
    {
        (DatabaseProvider.Sqlite, Guid id) => id.ToString().ToUpperInvariant(),
        (DatabaseProvider.Sqlite, decimal amount) => (double)amount,
        (_, DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Unspecified),
        _ => value,
    };

    /// <summary>
    /// The value as a provider's own parameter, for EF's <c>FromSql</c>: EF would type a bare <c>DateTime</c> as
    /// <c>timestamptz</c>, which PostgreSQL then compares off the index.
    /// </summary>
    public static DbParameter Parameter(DatabaseProvider provider, string name, object value) => provider == DatabaseProvider.Postgres
        ? new NpgsqlParameter(name, Of(provider, value))
        : new SqliteParameter(name, Of(provider, value));
}
