namespace Mentori.Server.Components;

/// <summary>
/// A confirmation that survives one redirect ("You are signed out."): its key rides in a short-lived cookie and the
/// next page's layout shows it as a toast, once. Only keys travel, so a cookie set by anyone else shows nothing.
/// </summary>
public static class Flash
{
    public const string SignedOut = "signed-out";
    public const string RequestSent = "request-sent";
    public const string SignedOutEverywhere = "signed-out-everywhere";
    public const string AccountDeleted = "account-deleted";
    public const string SignInEnded = "sign-in-ended";
    public const string Deactivated = "deactivated";

    private const string CookieName = "mentori.flash";

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        [SignedOut] = "You are signed out.",
        [SignedOutEverywhere] = "You are signed out on every device and browser.",
        [AccountDeleted] = "Your account and everything in it are deleted. Thank you for being part of Mentori.",
        [SignInEnded] = "You were signed out: someone signed this account out everywhere, changed its password or its role. Sign in again.",
        [Deactivated] = "This account has been deactivated by an administrator.",
        [RequestSent] = "Your request is sent. The mentor has it by email and will accept or decline it.",
    };

    public static void Set(HttpContext context, string key)
    {
        if (!Messages.ContainsKey(key))
        {
            throw new ArgumentException($"No flash message has the key '{key}'.", nameof(key));
        }

        context.Items[CookieName] = key; // for a page rendered by this same request
        context.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            Path = "/",
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(1),
        });
    }

    /// <summary>
    /// The message waiting for this page, if any: one set by this request, else one a redirect brought. It is shown
    /// only once, so the cookie goes (also one this request set: its message is shown now instead).
    /// </summary>
    public static string? Take(HttpContext context)
    {
        var key = context.Items[CookieName] as string ?? context.Request.Cookies[CookieName];
        if (key is null)
        {
            return null;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        }

        return Messages.GetValueOrDefault(key);
    }
}
