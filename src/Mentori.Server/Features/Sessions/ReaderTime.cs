using System.Globalization;
using Mentori.Server.Features.Mentors;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// A session's time as its reader reads it: in the reader's own time zone, named and with its UTC offset, and in
/// UTC ("Tuesday 9 March 2027, 18:30 Asia/Kathmandu (UTC+05:45; 12:45 UTC)"). A reader without a known zone reads
/// UTC alone.
/// </summary>
public static class ReaderTime
{
    public static string Format(DateTime utc, string? timezone)
    {
        if (!HasZone(timezone))
        {
            return $"{Day(utc)}, {Clock(utc)} UTC";
        }

        var zone = WeeklyAvailability.ZoneOf(timezone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var offset = zone.GetUtcOffset(utc);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var inUtc = local.Date == utc.Date ? $"{Clock(utc)} UTC" : $"{Clock(utc)} UTC on {utc.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}";
        return $"{Day(local)}, {Clock(local)} {zone.Id} (UTC{sign}{offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture)}; {inUtc})";
    }

    /// <summary>Whether the profile names a time zone this server knows; otherwise its times are shown in UTC.</summary>
    public static bool HasZone(string? timezone) =>
        !string.IsNullOrWhiteSpace(timezone) && TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _);

    private static string Day(DateTime time) => time.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Clock(DateTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
