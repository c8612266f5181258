
namespace Mentori.Tests.Host;

/// <summary>
/// "Now" comes from the injected <see cref="TimeProvider"/> alone, so a test's clock moves all of Mentori, and a
/// stored time is read one way (to PostgreSQL's microseconds), so values handed back equal the stored ones.
/// </summary>
public sealed class ClockTests
{
    [Fact]
    public void Now_is_read_only_from_the_injected_clock() =>
        Assert.Empty(SourceFiles.Containing("DateTime.UtcNow", "DateTimeOffset.UtcNow", "DateTime.Now", "DateTimeOffset.Now", "DateTime.Today"));

    [Fact]
    public void A_date_and_time_now_is_read_only_as_stored() =>
        Assert.Empty(SourceFiles.Containing("GetUtcNow().UtcDateTime", "GetUtcNow().DateTime", "GetUtcNow().Date"));
}
