using Mentori.Server.Features.Profiles;

namespace Mentori.Server.Features.Mentors;

/// <summary>
/// A mentor's weekly availability (<c>{"monday": ["9:00-12:00"]}</c>) read in their own time zone (decision 8) and
/// turned into UTC intervals. Wall-clock times are what the mentor means, so across a daylight-saving change the
/// same local hours land on different UTC hours. A local time that does not exist (clocks jump forward) is moved
/// later by the length of the jump, as java.time and Noda Time do; one that occurs twice (clocks go back) is read
/// as its first occurrence.
/// </summary>
public sealed class WeeklyAvailability(IReadOnlyDictionary<string, List<string>> availability, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The zone of a profile's <c>timezone</c>; UTC when none (or an unknown one) is set.</summary>
    public static TimeZoneInfo ZoneOf(string? timezone) =>
        timezone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone) ? zone : TimeZoneInfo.Utc;

    public bool IsEmpty => availability.Values.All(ranges => ranges.Count == 0);

    /// <summary>
    /// The available UTC intervals that meet <c>[fromUtc, toUtc)</c>, in order, touching ones joined (Monday
    /// 22:00–24:00 and Tuesday 0:00–2:00 make one interval). Intervals are not cut at the window's edges.
    /// </summary>
    public IReadOnlyList<(DateTime Start, DateTime End)> Intervals(DateTime fromUtc, DateTime toUtc)
    {
        var intervals = new List<(DateTime Start, DateTime End)>();
        var firstDay = TimeZoneInfo.ConvertTimeFromUtc(fromUtc, Zone).Date.AddDays(-1);
        var lastDay = TimeZoneInfo.ConvertTimeFromUtc(toUtc, Zone).Date.AddDays(1);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!availability.TryGetValue(ProfileRules.Weekdays[((int)day.DayOfWeek + 6) % 7], out var ranges))
            {
                continue;
            }

            foreach (var range in ranges)
            {
                if (ProfileRules.TryParseRange(range, out var startMinute, out var endMinute))
                {
                    var start = ToUtc(day.AddMinutes(startMinute));
                    var end = ToUtc(day.AddMinutes(endMinute));
                    if (start < toUtc && end > fromUtc && start < end)
                    {
                        intervals.Add((start, end));
                    }
                }
            }
        }

        intervals.Sort();
        var joined = new List<(DateTime Start, DateTime End)>();
        foreach (var interval in intervals)
        {
            if (joined.Count > 0 && interval.Start <= joined[^1].End)
            {
                joined[^1] = (joined[^1].Start, interval.End > joined[^1].End ? interval.End : joined[^1].End);
            }
            else
            {
                joined.Add(interval);
            }
        }

        return joined;
    }

    /// <summary>Whether <c>[startUtc, endUtc)</c> lies wholly inside the availability.</summary>
    public bool Covers(DateTime startUtc, DateTime endUtc) =>
        Intervals(startUtc, endUtc).Any(interval => interval.Start <= startUtc && endUtc <= interval.End);

    private DateTime ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            // In the gap: the offset from before the jump moves the time later by the jump's length.
            var offsetBefore = Zone.GetUtcOffset(local.AddHours(-3));
            return DateTime.SpecifyKind(local - offsetBefore, DateTimeKind.Utc);
        }

        if (Zone.IsAmbiguousTime(local))
        {
            var earliest = Zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - earliest, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
