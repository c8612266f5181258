using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>Opaque tokens (refresh, email verification, password reset): 256 random bits, kept only as a SHA-256 hash.</summary>
public static class SecureToken
{
    /// <summary>A token is 43 characters; a longer text cannot be one and is refused before it is hashed or looked up.</summary>
    public const int MaxLength = 64;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Null when <paramref name="token"/> may be a token, otherwise why not.</summary>
    public static string? Problem(string? token) =>
        string.IsNullOrWhiteSpace(token) ? "Token is required."
        : token.Trim().Length > MaxLength ? $"A token is at most {MaxLength} characters."
        : null;

    /// <summary>
    /// A fast hash is enough here, unlike for passwords: the token is 256 random bits, so a stolen hash
    /// cannot be reversed by guessing.
    /// </summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
