using Mentori.Data.Entities;
using Mentori.Server.Features.Profiles;

namespace Mentori.Server.Features.Accounts;

/// <summary>A user as the API shows it: never a password hash.</summary>
public sealed record UserResponse(Guid Id, string Email, UserRole Role, bool IsActive, bool IsVerified, DateTime? LastLogin, DateTime CreatedAt)
{
    public static UserResponse From(User user) =>
        new(user.Id, user.Email, user.Role, user.IsActive, user.IsVerified, user.LastLogin, user.CreatedAt);
}

/// <summary>What register, login and refresh answer. <c>expiresIn</c> is the access token's lifetime in seconds.</summary>
public sealed record AuthResponse(UserResponse User, string AccessToken, string RefreshToken, int ExpiresIn);

public sealed record MeResponse(UserResponse User, ProfileResponse? Profile);

/// <summary>What a cookie sign-in answers: the session is in the cookie, so there are no tokens.</summary>
public sealed record CookieSignInResponse(UserResponse User);

public sealed record AntiforgeryResponse(string Token, string HeaderName);
