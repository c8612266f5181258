using System.Globalization;

namespace Mentori.Server.Infrastructure.Pagination;

/// <summary>
/// The position of a row in a list ordered by a time, newest first, then by id: the content of most lists' cursors.
/// The list's name comes first, so a cursor of one list is refused by another.
/// </summary>
public sealed record TimeKey(DateTime At, Guid Id)
{
    public IEnumerable<string> ToParts(string list) => [list, At.Ticks.ToString(CultureInfo.InvariantCulture), Id.ToString()];

    public static Func<IReadOnlyList<string>, TimeKey?> Parser(string list) => parts =>
        parts.Count == 3 && parts[0] == list
        && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
        && Guid.TryParseExact(parts[2], "D", out var id)
            ? new TimeKey(new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
}
