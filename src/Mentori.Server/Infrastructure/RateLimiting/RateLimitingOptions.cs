using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// The <c>RateLimiting</c> section. <c>Enabled</c> turns every limit on or off (for operators with their own
/// limiter in front, and for load tests); each rule is a number of permits per fixed window. The defaults leave
/// room for a person and stop a script.
/// </summary>
public sealed class RateLimitingOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in attempts from one IP address.</summary>
    public RateLimitRule SignInPerIp { get; set; } = new(30, TimeSpan.FromMinutes(1));

    /// <summary>Token refreshes from one IP address (apps refresh every 15 minutes per signed-in user).</summary>
    public RateLimitRule RefreshPerIp { get; set; } = new(120, TimeSpan.FromMinutes(1));

    /// <summary>Failed sign-ins for one email address from one client address: that address is locked out, no other.</summary>
    public RateLimitRule SignInFailuresPerAccountAndIp { get; set; } = new(5, TimeSpan.FromMinutes(15));

    /// <summary>Failed sign-ins for one email address from anywhere: the slower ceiling on guesses spread over many addresses.</summary>
    public RateLimitRule SignInFailuresPerAccount { get; set; } = new(50, TimeSpan.FromHours(1));

    public RateLimitRule RegisterPerIp { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Registration attempts for one email address (each is a bcrypt hash and, on success, an email).</summary>
    public RateLimitRule RegisterPerAccount { get; set; } = new(5, TimeSpan.FromHours(1));

    public RateLimitRule ForgotPasswordPerIp { get; set; } = new(10, TimeSpan.FromHours(1));

    public RateLimitRule ForgotPasswordPerAccount { get; set; } = new(3, TimeSpan.FromHours(1));

    public RateLimitRule ResendVerificationPerAccount { get; set; } = new(3, TimeSpan.FromHours(1));

    public RateLimitRule ResendVerificationPerIp { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Email verifications from one IP address.</summary>
    public RateLimitRule VerifyEmailPerIp { get; set; } = new(20, TimeSpan.FromHours(1));

    /// <summary>Session requests by one user: each one emails a mentor the mentee's text.</summary>
    public RateLimitRule SessionRequestsPerUser { get; set; } = new(20, TimeSpan.FromHours(1));

    /// <summary>Chat messages sent by one user.</summary>
    public RateLimitRule MessagesPerUser { get; set; } = new(30, TimeSpan.FromMinutes(1));

    /// <summary>Profile photo uploads by one user.</summary>
    public RateLimitRule PhotoUploadsPerUser { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Every request that changes something (POST, PUT, PATCH, DELETE), by one user or, signed out, one address.</summary>
    public RateLimitRule WritesPerUser { get; set; } = new(60, TimeSpan.FromMinutes(1));

    /// <summary>Data annotations do not reach into nested objects, so each rule is checked here.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var rules = typeof(RateLimitingOptions).GetProperties().Where(p => p.PropertyType == typeof(RateLimitRule));
        foreach (var property in rules)
        {
            if (property.GetValue(this) is not RateLimitRule { PermitLimit: >= 1 } rule || rule.Window <= TimeSpan.Zero)
            {
                yield return new ValidationResult(
                    $"RateLimiting:{property.Name} needs a PermitLimit of at least 1 and a positive Window.", [property.Name]);
            }
        }
    }
}

public sealed class RateLimitRule
{
    public RateLimitRule()
    {
    }

    public RateLimitRule(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
    }

    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
