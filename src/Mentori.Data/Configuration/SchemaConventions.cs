using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

/// <summary>Column settings every table shares: a database default that raw SQL can rely on, values set by the application.</summary>
internal static class SchemaConventions
{
    /// <summary>
    /// The document's <c>DEFAULT gen_random_uuid()</c> (PostgreSQL only: SQLite has no UUID function); the
    /// application always sends its own time-ordered UUID v7 (decision 1).
    /// </summary>
    public static void IsUuidKey<TEntity>(this EntityTypeBuilder<TEntity> builder, DatabaseProvider provider, string table)
        where TEntity : class
    {
        builder.HasKey("Id").HasName($"{table}_pkey");
        var id = builder.Property<Guid>("Id").ValueGeneratedNever();
        if (provider == DatabaseProvider.Postgres)
        {
            id.HasDefaultValueSql("gen_random_uuid()");
        }
    }

    /// <summary>
    /// A database default for inserts that do not name the column; the application always names it, so EF
    /// never mistakes a deliberate <c>false</c> or <c>0</c> for "use the default".
    /// </summary>
    public static PropertyBuilder<T> HasStoreDefault<T>(this PropertyBuilder<T> property, T value) =>
        property.HasDefaultValue(value).ValueGeneratedNever();

    public static PropertyBuilder<DateTime> HasCurrentTimestampDefault(this PropertyBuilder<DateTime> property) =>
        property.HasDefaultValueSql("CURRENT_TIMESTAMP").ValueGeneratedNever();

    /// <summary>An index under the document's own name (the snake-case convention would rename it otherwise).</summary>
    public static IndexBuilder<TEntity> HasNamedIndex<TEntity>(
        this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, object?>> columns, string name)
        where TEntity : class =>
        builder.HasIndex(columns, name).HasDatabaseName(name);

    public static string CharLength(DatabaseProvider provider, string column) =>
        provider == DatabaseProvider.Postgres ? $"char_length({column})" : $"length({column})";
}
