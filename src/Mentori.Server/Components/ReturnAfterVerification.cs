namespace Mentori.Server.Components;

/// <summary>
/// Where a new user was headed when they signed up (a mentor's page, say), kept for a day in a cookie so that the
/// email's confirmation link brings them back there: the link itself carries only its token.
/// </summary>
public static class ReturnAfterVerification
{
    private const string CookieName = "mentori.return";

    public static void Remember(HttpContext context, string? url) =>
        context.Response.Cookies.Append(CookieName, LocalUrl.OrHome(url), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(1),
            IsEssential = true,
        });

    /// <summary>The remembered address, once (the cookie is dropped), or home.</summary>
    public static string Take(HttpContext context)
    {
        var url = LocalUrl.OrHome(context.Request.Cookies[CookieName]);
        context.Response.Cookies.Delete(CookieName);
        return url;
    }
}
