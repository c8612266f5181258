using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>The <c>Auth</c> section, less its <c>Jwt</c> part (<see cref="JwtOptions"/>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Requesting, accepting, messaging and rating need a verified email unless this is false.</summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>bcrypt cost: each step doubles the time a hash takes (11 ≈ 0.15 s on one core).</summary>
    [Range(10, 16)]
    public int BcryptWorkFactor { get; set; } = 11;
}
