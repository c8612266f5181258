using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Mentori.Server.Infrastructure.Validation;

/// <summary>
/// A point in time as a client sends it: ISO 8601 with its offset (<c>2026-12-10T10:00:00Z</c> or <c>…+09:00</c>).
/// A time without an offset is refused, because reading it would mean guessing a zone, and the server's own zone
/// would leak into the data. Query parameters bind to this type; JSON bodies go through <see cref="JsonConverter"/>.
/// </summary>
public readonly partial record struct UtcTimestamp(DateTimeOffset Value)
{
    public const string Problem = "A time with its UTC offset is needed, such as 2026-12-10T10:00:00Z.";

    public static bool TryParse(string? text, IFormatProvider? provider, out UtcTimestamp result)
    {
        var parsed = TryParse(text, out var value);
        result = new UtcTimestamp(value);
        return parsed;
    }

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && text.Length <= 40 && WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static implicit operator DateTimeOffset(UtcTimestamp timestamp) => timestamp.Value;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})\z")]
    private static partial Regex WithOffset();

    /// <summary>Every <see cref="DateTimeOffset"/> in a JSON body: with an offset, or a field error naming it.</summary>
    public sealed class JsonConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var value)
                ? value
                : throw new JsonException(Problem);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }
}
