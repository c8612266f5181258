using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>The <c>Auth:Jwt</c> section: only the server needs it, so the admin commands run without a key.</summary>
public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Auth:Jwt";
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>The HMAC-SHA256 key for access tokens.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "mentori";
    public string Audience { get; set; } = "mentori";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(SigningKey))
        {
            yield return new ValidationResult("Auth:Jwt:SigningKey is required outside Development.", [nameof(SigningKey)]);
        }
        else if (Encoding.UTF8.GetByteCount(SigningKey) < MinimumSigningKeyBytes)
        {
            yield return new ValidationResult($"Auth:Jwt:SigningKey must be at least {MinimumSigningKeyBytes} bytes.", [nameof(SigningKey)]);
        }
    }
}
