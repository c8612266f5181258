using System.Runtime.CompilerServices;

namespace Mentori.Tests.Infrastructure;

/// <summary>
/// The whole suite runs in a process whose local zone is not UTC (UTC+9, no daylight saving), so any place where
/// the server's own zone leaks into what it stores or answers shows up as a failing test, not in production.
/// </summary>
public static class ProcessTimeZone
{
    public const string Id = "Asia/Tokyo";

    [ModuleInitializer]
    public static void UseNonUtcLocalZone()
    {
        Environment.SetEnvironmentVariable("TZ", Id);
        TimeZoneInfo.ClearCachedData();
    }
}

public sealed class ProcessTimeZoneTests
{
    [Fact]
    public void The_suite_runs_in_a_local_zone_that_is_not_utc() =>
        Assert.Equal(TimeSpan.FromHours(9), TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow));
}
