using System.Threading.RateLimiting;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// Limits per account (an email address or a user id), which the per-IP limiter cannot see because the
/// account is in the request body. An attacker spreading guesses over many addresses still hits these.
/// </summary>
public sealed class AccountRateLimits(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _signInFailures = Create(options, o => o.SignInFailuresPerAccount);
    private readonly PartitionedRateLimiter<string> _register = Create(options, o => o.RegisterPerAccount);
    private readonly PartitionedRateLimiter<string> _forgotPassword = Create(options, o => o.ForgotPasswordPerAccount);
    private readonly PartitionedRateLimiter<string> _resendVerification = Create(options, o => o.ResendVerificationPerAccount);

    /// <summary>429 once an address has used up its failed sign-ins; a correct password does not spend a permit.</summary>
    public void ThrowIfSignInLocked(string email) => Check(_signInFailures, email, permits: 0);

    public void RecordSignInFailure(string email) => _signInFailures.AttemptAcquire(email).Dispose();

    public void ThrowIfRegisterExceeded(string email) => Check(_register, email, permits: 1);

    public void ThrowIfForgotPasswordExceeded(string email) => Check(_forgotPassword, email, permits: 1);

    public void ThrowIfResendVerificationExceeded(Guid userId) => Check(_resendVerification, userId.ToString(), permits: 1);

    public void Dispose()
    {
        _signInFailures.Dispose();
        _register.Dispose();
        _forgotPassword.Dispose();
        _resendVerification.Dispose();
    }

    internal static FixedWindowRateLimiterOptions FixedWindow(RateLimitRule rule) => new()
    {
        PermitLimit = rule.PermitLimit,
        Window = rule.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static void Check(PartitionedRateLimiter<string> limiter, string key, int permits)
    {
        using var lease = limiter.AttemptAcquire(key, permits);
        if (!lease.IsAcquired)
        {
            throw ProblemException.TooManyRequests(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        }
    }

    private static PartitionedRateLimiter<string> Create(IOptions<RateLimitingOptions> options, Func<RateLimitingOptions, RateLimitRule> rule) =>
        PartitionedRateLimiter.Create<string, string>(key => options.Value.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => FixedWindow(rule(options.Value)))
            : RateLimitPartition.GetNoLimiter(key));
}
