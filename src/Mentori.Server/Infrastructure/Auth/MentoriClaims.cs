using System.Security.Claims;
using Mentori.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>The claims Mentori puts in an access token or cookie, and how endpoints read them back.</summary>
public static class MentoriClaims
{
    public const string UserId = "sub";
    public const string Role = "role";

    /// <summary>The sign-in: the refresh-token family the token or cookie belongs to.</summary>
    public const string SignInId = "sid";

    public static Claim[] For(User user, Guid familyId) =>
    [
        new(UserId, user.Id.ToString()),
        new(Role, RoleName(user.Role)),
        new(SignInId, familyId.ToString()),
    ];

    public static string RoleName(UserRole role) => role.ToString().ToLowerInvariant();

    public static ClaimsPrincipal CookiePrincipal(User user, Guid familyId) =>
        new(new ClaimsIdentity(For(user, familyId), CookieAuthenticationDefaults.AuthenticationScheme, UserId, Role));

    /// <summary>The signed-in user's role, as the token or cookie names it (checked against the database on each request).</summary>
    public static UserRole GetRole(this ClaimsPrincipal principal) =>
        Enum.Parse<UserRole>(principal.FindFirstValue(Role) ?? throw new InvalidOperationException("The endpoint does not require authentication."), ignoreCase: true);

    /// <summary>The signed-in user's id; endpoints that call it require authentication.</summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(UserId) ?? throw new InvalidOperationException("The endpoint does not require authentication."));
}
