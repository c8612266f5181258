using Mentori.Data;
using Npgsql;
using NpgsqlTypes;

namespace Mentori.Server.Infrastructure.Database;

/// <summary>
/// A cursor's values as raw SQL (<c>FromSql</c>) must compare them with the stored columns: PostgreSQL's
/// <c>timestamp without time zone</c> wants a parameter of that type (EF would send a timestamptz, which also keeps
/// the comparison off the index); SQLite keeps times as EF's text and ids as upper-case text.
/// </summary>
public static class KeysetValues
{
    public static object Timestamp(DatabaseProvider provider, string name, DateTime value) => provider == DatabaseProvider.Postgres
        ? new NpgsqlParameter(name, NpgsqlDbType.Timestamp) { Value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified) }
        : value;

    public static object Id(DatabaseProvider provider, Guid id) => provider == DatabaseProvider.Postgres ? id : id.ToString().ToUpperInvariant();
}
