using Mentori.Server.Features.Sessions;

namespace Mentori.Tests.Email;

/// <summary>
/// Session times as their readers read them, against the zones where booking tools are known to go wrong: the
/// expected texts are the published rules of each zone (tzdata), not the code's own conversion.
/// </summary>
public sealed class ReaderTimeTests
{
    [Theory]
    // America/New_York: EST (UTC-5) until Sunday 14 March 2027, 02:00 local (07:00 UTC); EDT (UTC-4) after.
    [InlineData("2027-03-13T15:00:00Z", "America/New_York", "Saturday 13 March 2027, 10:00 America/New_York (UTC-05:00; 15:00 UTC)")]
    [InlineData("2027-03-14T06:59:00Z", "America/New_York", "Sunday 14 March 2027, 01:59 America/New_York (UTC-05:00; 06:59 UTC)")]
    [InlineData("2027-03-14T07:00:00Z", "America/New_York", "Sunday 14 March 2027, 03:00 America/New_York (UTC-04:00; 07:00 UTC)")]
    // Europe/Berlin: CET (UTC+1) until Sunday 28 March 2027, 01:00 UTC; CEST (UTC+2) after.
    [InlineData("2027-03-28T00:59:00Z", "Europe/Berlin", "Sunday 28 March 2027, 01:59 Europe/Berlin (UTC+01:00; 00:59 UTC)")]
    [InlineData("2027-03-28T01:00:00Z", "Europe/Berlin", "Sunday 28 March 2027, 03:00 Europe/Berlin (UTC+02:00; 01:00 UTC)")]
    // Australia/Lord_Howe moves by half an hour: UTC+11 until Sunday 4 April 2027, 02:00 local (15:00 UTC on the 3rd); UTC+10:30 after.
    [InlineData("2027-04-03T14:59:00Z", "Australia/Lord_Howe", "Sunday 4 April 2027, 01:59 Australia/Lord_Howe (UTC+11:00; 14:59 UTC on Saturday 3 April)")]
    [InlineData("2027-04-03T15:00:00Z", "Australia/Lord_Howe", "Sunday 4 April 2027, 01:30 Australia/Lord_Howe (UTC+10:30; 15:00 UTC on Saturday 3 April)")]
    // Asia/Kathmandu: UTC+05:45 all year.
    [InlineData("2027-03-09T12:45:00Z", "Asia/Kathmandu", "Tuesday 9 March 2027, 18:30 Asia/Kathmandu (UTC+05:45; 12:45 UTC)")]
    [InlineData("2027-03-09T20:00:00Z", "Asia/Kathmandu", "Wednesday 10 March 2027, 01:45 Asia/Kathmandu (UTC+05:45; 20:00 UTC on Tuesday 9 March)")]
    public void A_time_reads_in_the_readers_zone_with_its_offset_and_in_utc(string utc, string zone, string expected) =>
        Assert.Equal(expected, ReaderTime.Format(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal), zone));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    public void A_reader_without_a_known_zone_reads_utc(string? zone)
    {
        Assert.Equal("Tuesday 9 March 2027, 12:45 UTC", ReaderTime.Format(new DateTime(2027, 3, 9, 12, 45, 0, DateTimeKind.Utc), zone));
        Assert.False(ReaderTime.HasZone(zone));
    }
}
