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
        if (context.User.Identity?.IsAuthenticated == true
            && await profiles.TimezoneAsync(context.User, context.RequestAborted) is { } own && ProfileRules.IsIanaTimezone(own))
        {
            return new ViewerZone(WeeklyAvailability.ZoneOf(own));
        }

        return context.Request.Cookies[CookieName] is { } reported && ProfileRules.IsIanaTimezone(reported)
            ? new ViewerZone(WeeklyAvailability.ZoneOf(reported))
            : new ViewerZone(TimeZoneInfo.Utc);
    }

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
