using System.Globalization;

namespace Mentori.Server.Features.Mentors;

/// <summary>
/// The sort-key values of the last mentor of a page, in the order of the sort (for <c>rating</c>: average,
/// count, id). The id comes last and makes every order total. In a cursor the values follow the sort's name,
/// so a cursor of one sort is refused by another.
/// </summary>
public sealed record MentorSortKey(object[] Values)
{
    public IEnumerable<string> ToParts(string sortName) => Values.Select(Format).Prepend(sortName);

    /// <summary>The key in <paramref name="parts"/>, or null when they are not a key of this sort.</summary>
    public static MentorSortKey? Parse(string sortName, Type[] types, IReadOnlyList<string> parts)
    {
        if (parts.Count != types.Length + 1 || parts[0] != sortName)
        {
            return null;
        }

        var values = new object[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            if (ParseValue(types[i], parts[i + 1]) is not { } value)
            {
                return null;
            }

            values[i] = value;
        }

        return new MentorSortKey(values);
    }

    private static string Format(object value) => value switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTime time => time.Ticks.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static object? ParseValue(Type type, string text) => type switch
    {
        _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null,
        _ when type == typeof(float) => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && float.IsFinite(f) ? f : null,
        _ when type == typeof(int) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null,
        _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m : null,
        _ when type == typeof(DateTime) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks ? new DateTime(ticks, DateTimeKind.Utc) : null,
        _ when type == typeof(Guid) => Guid.TryParseExact(text, "D", out var g) ? g : null,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a sort-key type."),
    };
}
