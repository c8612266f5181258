using System.Globalization;

namespace Mentori.Server.Features.Sessions;

/// <summary>The position of a session in a list ordered by start, newest first, then id: a cursor's content.</summary>
public sealed record SessionKey(DateTime ScheduledAt, Guid Id)
{
    public IEnumerable<string> ToParts() => ["sessions", ScheduledAt.Ticks.ToString(CultureInfo.InvariantCulture), Id.ToString()];

    public static SessionKey? Parse(IReadOnlyList<string> parts) =>
        parts is ["sessions", var ticks, var id]
        && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= DateTime.MaxValue.Ticks
        && Guid.TryParseExact(id, "D", out var guid)
            ? new SessionKey(new DateTime(value, DateTimeKind.Utc), guid)
            : null;
}
