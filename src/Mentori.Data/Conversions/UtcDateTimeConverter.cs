using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mentori.Data.Conversions;

/// <summary>
/// The schema's columns are <c>timestamp</c> without time zone; Mentori keeps every value in them in UTC.
/// Npgsql refuses to write a <see cref="DateTimeKind.Utc"/> value into such a column, and both providers
/// read values back as <see cref="DateTimeKind.Unspecified"/>, so the kind is dropped on the way in and
/// restored on the way out.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Unspecified),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc));
