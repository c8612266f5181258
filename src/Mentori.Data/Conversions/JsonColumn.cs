using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mentori.Data.Conversions;

/// <summary>
/// Stores a value as JSON text: <c>jsonb</c> on PostgreSQL, TEXT on SQLite. The comparer compares the JSON,
/// so a list changed in place is still saved. EF never passes null through a converter.
/// </summary>
public static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static ValueConverter<T?, string> Converter<T>() where T : class => new(
        value => JsonSerializer.Serialize(value, Options),
        json => JsonSerializer.Deserialize<T>(json, Options));

    public static ValueComparer<T?> Comparer<T>() where T : class => new(
        (left, right) => JsonSerializer.Serialize(left, Options) == JsonSerializer.Serialize(right, Options),
        value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
        value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options));
}
