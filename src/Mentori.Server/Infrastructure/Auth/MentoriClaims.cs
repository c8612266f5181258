using System.Security.Claims;
using Mentori.Data.Entities;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>The claims Mentori puts in an access token or cookie, and how endpoints read them back.</summary>
public static class MentoriClaims
{
    public const string UserId = "sub";
    public const string Role = "role";
    public const string TokenId = "jti";

    public static Claim[] For(User user) =>
    [
        new(UserId, user.Id.ToString()),
        new(Role, user.Role.ToString().ToLowerInvariant()),
        new(TokenId, Guid.NewGuid().ToString("N")),
    ];

    public static ClaimsPrincipal CookiePrincipal(User user) =>
        new(new ClaimsIdentity(For(user), Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme, UserId, Role));

    /// <summary>The signed-in user's id; endpoints that call it require authentication.</summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(UserId) ?? throw new InvalidOperationException("The endpoint does not require authentication."));
}
