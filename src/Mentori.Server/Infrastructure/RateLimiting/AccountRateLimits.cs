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
    private const string PerAddress = nameof(RateLimitingOptions.SignInFailuresPerAccountAndIp);
    private const string PerAccount = nameof(RateLimitingOptions.SignInFailuresPerAccount);

    /// <summary>
    /// Runs <paramref name="check"/> of a password for <paramref name="email"/> from the caller's address under the
    /// sign-in limits, or 429 without running it. The attempt takes its permits first, so parallel guesses cannot all
    /// pass, and gives them back unless the check says the password is wrong: a correct password, or a check that
    /// never ran to the end (server busy, database away), costs nothing. Five failures from one address lock out that
    /// address, not the owner. Once the account's slower ceiling is reached, an address that has failed for it is
    /// locked out too, while one that has not may still try: the owner is never locked out by guesses from elsewhere.
    /// </summary>
    public async Task<bool> CheckPasswordAsync(string email, Func<Task<bool>> check)
    {
        var taken = await TakeSignInPermitsAsync(email);
        var wrong = false;
        try
        {
            wrong = !await check();
            return !wrong;
        }
        finally
        {
            if (!wrong)
            {
                foreach (var (rule, key) in taken)
                {
                    await counters.ReturnAsync(rule, key, 1);
                }
            }
        }
    }

    private async Task<IReadOnlyList<(string Rule, string Key)>> TakeSignInPermitsAsync(string email)
    {
        if (!options.Value.Enabled)
        {
            return [];
        }

        var address = $"{email}|{(http.HttpContext is { } context ? ClientAddress.KeyOf(context) : "unknown")}";
        var fromAddress = await counters.TakeAsync(PerAddress, options.Value.SignInFailuresPerAccountAndIp, address, 1);
        if (!fromAddress.Taken)
        {
            throw ProblemException.TooManyRequests(fromAddress.RetryAfter);
        }

        var forAccount = await counters.TakeAsync(PerAccount, options.Value.SignInFailuresPerAccount, email, 1);
        if (forAccount.Taken)
        {
            return [(PerAddress, address), (PerAccount, email)];
        }

        if (fromAddress.Used > 1)
        {
            await counters.ReturnAsync(PerAddress, address, 1);
            throw ProblemException.TooManyRequests(forAccount.RetryAfter);
        }

        return [(PerAddress, address)];
    }

    public Task ThrowIfRegisterExceededAsync(string email) =>
        TakeOrThrowAsync(nameof(RateLimitingOptions.RegisterPerAccount), o => o.RegisterPerAccount, email);

    public Task ThrowIfForgotPasswordExceededAsync(string email) =>
        TakeOrThrowAsync(nameof(RateLimitingOptions.ForgotPasswordPerAccount), o => o.ForgotPasswordPerAccount, email);

    public Task ThrowIfResendVerificationExceededAsync(Guid userId) =>
        TakeOrThrowAsync(nameof(RateLimitingOptions.ResendVerificationPerAccount), o => o.ResendVerificationPerAccount, userId.ToString());

    private async Task TakeOrThrowAsync(string name, Func<RateLimitingOptions, RateLimitRule> rule, string key)
    {
        if (options.Value.Enabled && await counters.TakeAsync(name, rule(options.Value), key, 1) is { Taken: false } refused)
        {
            throw ProblemException.TooManyRequests(refused.RetryAfter);
        }
    }
}
