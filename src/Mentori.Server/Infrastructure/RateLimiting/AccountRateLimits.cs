using Mentori.Server.Infrastructure.Problems;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// Limits per account (an email address or a user id), which the per-IP limiter cannot see because the
/// account is in the request body. An attacker spreading guesses over many addresses still hits these. Keys are
/// bounded: emails are checked to be at most 255 characters before they get here, addresses are one IPv4 or an
/// IPv6 /64.
/// </summary>
public sealed class AccountRateLimits(IRateCounters counters, IOptions<RateLimitingOptions> options, IHttpContextAccessor http)
{
    /// <summary>
    /// 429 once this account has used up its failed sign-ins from the caller's address, or from everywhere; a
    /// correct password does not spend a permit. Failures from one address lock out that address, not the owner.
    /// </summary>
    public async Task ThrowIfSignInLockedAsync(string email)
    {
        await CheckAsync(nameof(RateLimitingOptions.SignInFailuresPerAccountAndIp), o => o.SignInFailuresPerAccountAndIp, PerAddress(email), 0);
        await CheckAsync(nameof(RateLimitingOptions.SignInFailuresPerAccount), o => o.SignInFailuresPerAccount, email, 0);
    }

    public async Task RecordSignInFailureAsync(string email)
    {
        await TakeAsync(nameof(RateLimitingOptions.SignInFailuresPerAccountAndIp), o => o.SignInFailuresPerAccountAndIp, PerAddress(email), 1);
        await TakeAsync(nameof(RateLimitingOptions.SignInFailuresPerAccount), o => o.SignInFailuresPerAccount, email, 1);
    }

    public Task ThrowIfRegisterExceededAsync(string email) =>
        CheckAsync(nameof(RateLimitingOptions.RegisterPerAccount), o => o.RegisterPerAccount, email, 1);

    public Task ThrowIfForgotPasswordExceededAsync(string email) =>
        CheckAsync(nameof(RateLimitingOptions.ForgotPasswordPerAccount), o => o.ForgotPasswordPerAccount, email, 1);

    public Task ThrowIfResendVerificationExceededAsync(Guid userId) =>
        CheckAsync(nameof(RateLimitingOptions.ResendVerificationPerAccount), o => o.ResendVerificationPerAccount, userId.ToString(), 1);

    private string PerAddress(string email) =>
        $"{email}|{(http.HttpContext is { } context ? ClientAddress.KeyOf(context) : "unknown")}";

    private async Task CheckAsync(string name, Func<RateLimitingOptions, RateLimitRule> rule, string key, int permits)
    {
        if (await TakeAsync(name, rule, key, permits) is { } retryAfter)
        {
            throw ProblemException.TooManyRequests(retryAfter);
        }
    }

    private async Task<TimeSpan?> TakeAsync(string name, Func<RateLimitingOptions, RateLimitRule> rule, string key, int permits) =>
        options.Value.Enabled ? await counters.TryTakeAsync(name, rule(options.Value), key, permits) : null;
}
