using System.Linq.Expressions;
using Mentori.Data;
using Mentori.Server.Infrastructure.Pagination;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mentori.Server.Infrastructure.Database;

/// <summary>
/// The one keyset page of every newest-first list: rows ordered by a time, then by id, both descending, and with a
/// cursor only those after it. The cursor's condition is a row-value comparison, <c>(time, id) &lt; (@at, @id)</c>,
/// which both databases read as one range of the <c>(time, id)</c> index; LINQ cannot say it, since ids have no
/// order in C#.
/// </summary>
public static class Keyset
{
    public static IQueryable<T> NewestFirst<T>(this DbSet<T> table, Expression<Func<T, DateTime>> time, TimeKey? after)
        where T : class
    {
        var rows = after is null ? table : table.FromSqlRaw(AfterSql(table, time), Values(table, after));
        return rows.OrderByDescending(time).ThenByDescending(row => EF.Property<Guid>(row, "Id"));
    }

    private static string AfterSql<T>(DbSet<T> table, Expression<Func<T, DateTime>> time)
        where T : class
    {
        var entity = table.EntityType;
        var sql = table.GetService<ISqlGenerationHelper>();
        var timeColumn = entity.FindProperty(((MemberExpression)time.Body).Member.Name)!.GetColumnName();
        var idColumn = entity.FindProperty("Id")!.GetColumnName();
        return $"SELECT * FROM {sql.DelimitIdentifier(entity.GetTableName()!)} " +
            $"WHERE ({sql.DelimitIdentifier(timeColumn)}, {sql.DelimitIdentifier(idColumn)}) < ({{0}}, {{1}})";
    }

    private static object[] Values<T>(DbSet<T> table, TimeKey after)
        where T : class
    {
        var provider = ((MentoriDb)table.GetService<ICurrentDbContext>().Context).Provider;
        return [DatabaseValues.Parameter(provider, "after_at", after.At), DatabaseValues.Parameter(provider, "after_id", after.Id)];
    }
}
