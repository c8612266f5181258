using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// The <c>RateLimiting</c> section. <c>Enabled</c> turns every limit on or off (for operators with their own
/// limiter in front, and for load tests); each rule is a number of permits per fixed window.
/// </summary>
public sealed class RateLimitingOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in attempts from one IP address.</summary>
    public RateLimitRule SignInPerIp { get; set; } = new(30, TimeSpan.FromMinutes(1));

    /// <summary>Token refreshes from one IP address (apps refresh every 15 minutes per signed-in user).</summary>
    public RateLimitRule RefreshPerIp { get; set; } = new(120, TimeSpan.FromMinutes(1));

    /// <summary>Failed sign-ins for one email address, wherever they come from.</summary>
    public RateLimitRule SignInFailuresPerAccount { get; set; } = new(5, TimeSpan.FromMinutes(15));

    public RateLimitRule RegisterPerIp { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Registration attempts for one email address (each is a bcrypt hash and, on success, an email).</summary>
    public RateLimitRule RegisterPerAccount { get; set; } = new(5, TimeSpan.FromHours(1));

    public RateLimitRule ForgotPasswordPerIp { get; set; } = new(10, TimeSpan.FromHours(1));

    public RateLimitRule ForgotPasswordPerAccount { get; set; } = new(3, TimeSpan.FromHours(1));

    public RateLimitRule ResendVerificationPerAccount { get; set; } = new(3, TimeSpan.FromHours(1));

    public RateLimitRule ResendVerificationPerIp { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Data annotations do not reach into nested objects, so each rule is checked here.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, RateLimitRule Rule)[] rules =
        [
            (nameof(SignInPerIp), SignInPerIp), (nameof(RefreshPerIp), RefreshPerIp),
            (nameof(SignInFailuresPerAccount), SignInFailuresPerAccount), (nameof(RegisterPerIp), RegisterPerIp),
            (nameof(RegisterPerAccount), RegisterPerAccount), (nameof(ResendVerificationPerIp), ResendVerificationPerIp),
            (nameof(ForgotPasswordPerIp), ForgotPasswordPerIp), (nameof(ForgotPasswordPerAccount), ForgotPasswordPerAccount),
            (nameof(ResendVerificationPerAccount), ResendVerificationPerAccount),
        ];
        foreach (var (name, rule) in rules)
        {
            if (rule.PermitLimit < 1 || rule.Window <= TimeSpan.Zero)
            {
                yield return new ValidationResult(
                    $"RateLimiting:{name} needs a PermitLimit of at least 1 and a positive Window.", [name]);
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
