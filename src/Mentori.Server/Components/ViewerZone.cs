using System.Globalization;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Features.Profiles;

namespace Mentori.Server.Components;

/// <summary>
/// The time zone a page shows times in: a signed-in user's profile zone; else the one the browser reported (the
/// <c>mentori.tz</c> cookie, written by <c>timezone.js</c>); else UTC until it is known. The zone's name is always
/// shown beside the times.
/// </summary>
public sealed record ViewerZone(TimeZoneInfo Zone)
{
    public const string CookieName = "mentori.tz";

    public string Name => Zone.Id;

    public static async Task<ViewerZone> OfAsync(HttpContext context, ProfileService profiles)
    {
        var own = context.User.Identity?.IsAuthenticated == true ? await profiles.TimezoneAsync(context.User, context.RequestAborted) : null;
        var known = new[] { own, context.Request.Cookies[CookieName] }.FirstOrDefault(zone => zone is not null && ProfileRules.IsIanaTimezone(zone));
        return new ViewerZone(WeeklyAvailability.ZoneOf(known)); // no zone known: UTC
    }

    /// <summary>Another person's zone (a mentor's, the other side of a session); UTC when they named none.</summary>
    public static ViewerZone Of(string? iana) => new(WeeklyAvailability.ZoneOf(iana));

    /// <summary>"Monday 7 December 2026, 18:00–19:00": a span of time as a person reads it in this zone.</summary>
    public string Span(DateTime startUtc, DateTime endUtc) =>
        $"{Moment(startUtc)}–{Local(endUtc).ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>"Monday 7 December 2026, 18:00": a moment as a person reads it in this zone.</summary>
    public string Moment(DateTime utc) => Local(utc).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
