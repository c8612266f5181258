using Mentori.Server.Features.Mentors;

namespace Mentori.Tests.Mentors;

/// <summary>Wall-clock ranges on the days clocks change, with fixed dates: these are pure functions of the zone rules.</summary>
public sealed class WeeklyAvailabilityTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Hours_skipped_when_clocks_jump_forward_are_not_available()
    {
        // Sunday 28 March 2027: 2:00 CET becomes 3:00 CEST. 1:00-4:00 on the wall clock is two real hours.
        var week = new WeeklyAvailability(new Dictionary<string, List<string>> { ["sunday"] = ["1:00-4:00"] }, Berlin);

        var intervals = week.Intervals(Utc(3, 27, 0), Utc(3, 29, 0));

        Assert.Equal([(Utc(3, 28, 0), Utc(3, 28, 2))], intervals);
    }

    [Fact]
    public void A_range_inside_the_skipped_hour_moves_later_by_the_jump()
    {
        var week = new WeeklyAvailability(new Dictionary<string, List<string>> { ["sunday"] = ["2:00-2:30"] }, Berlin);

        // 2:00-2:30 does not exist that night; it is read as 3:00-3:30 CEST.
        Assert.Equal([(Utc(3, 28, 1), Utc(3, 28, 1, 30))], week.Intervals(Utc(3, 27, 0), Utc(3, 29, 0)));
    }

    [Fact]
    public void Hours_repeated_when_clocks_go_back_are_available_twice()
    {
        // Sunday 31 October 2027: 3:00 CEST becomes 2:00 CET. 0:00-3:00 on the wall clock is four real hours.
        var week = new WeeklyAvailability(new Dictionary<string, List<string>> { ["sunday"] = ["0:00-3:00"] }, Berlin);

        var intervals = week.Intervals(Utc(10, 30, 0), Utc(11, 1, 0));

        Assert.Equal([(Utc(10, 30, 22), Utc(10, 31, 2))], intervals);
    }

    [Fact]
    public void Covers_only_what_lies_wholly_inside_one_stretch()
    {
        var week = new WeeklyAvailability(
            new Dictionary<string, List<string>> { ["monday"] = ["9:00-12:00", "12:00-13:00", "14:00-15:00"] }, TimeZoneInfo.Utc);

        Assert.True(week.Covers(Utc(3, 1, 11, 30), Utc(3, 1, 12, 30)));
        Assert.True(week.Covers(Utc(3, 1, 9), Utc(3, 1, 13)));
        Assert.False(week.Covers(Utc(3, 1, 12, 30), Utc(3, 1, 14, 30)));
        Assert.False(week.Covers(Utc(3, 1, 8, 30), Utc(3, 1, 9, 30)));
        Assert.False(week.Covers(Utc(3, 2, 9), Utc(3, 2, 10)));
    }
}
