using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// The <c>RateLimiting</c> section. <c>Enabled</c> turns every limit on or off (for operators with their own
/// limiter in front, and for load tests); each rule is a number of permits per fixed window.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in attempts from one IP address.</summary>
    public RateLimitRule SignInPerIp { get; set; } = new(30, TimeSpan.FromMinutes(1));

    /// <summary>Failed sign-ins for one email address, wherever they come from.</summary>
    public RateLimitRule SignInFailuresPerAccount { get; set; } = new(5, TimeSpan.FromMinutes(15));

    public RateLimitRule RegisterPerIp { get; set; } = new(10, TimeSpan.FromHours(1));

    public RateLimitRule ForgotPasswordPerIp { get; set; } = new(10, TimeSpan.FromHours(1));

    public RateLimitRule ForgotPasswordPerAccount { get; set; } = new(3, TimeSpan.FromHours(1));

    public RateLimitRule ResendVerificationPerAccount { get; set; } = new(3, TimeSpan.FromHours(1));
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

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
