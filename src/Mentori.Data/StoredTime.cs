namespace Mentori.Data;

/// <summary>The one way Mentori reads "now" as a <see cref="DateTime"/>: from the injected clock, as it is stored.</summary>
public static class StoredTime
{
    /// <summary>
    /// The clock's time in UTC to whole microseconds, as PostgreSQL stores it: a value handed back before it is read
    /// again (a new message's <c>createdAt</c>) then equals the stored one, which cursors and read receipts compare with.
    /// </summary>
    public static DateTime StoredUtcNow(this TimeProvider clock)
    {
        var ticks = clock.GetUtcNow().UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }
}
