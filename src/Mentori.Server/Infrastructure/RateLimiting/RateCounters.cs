namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>What a counter holds after a take: whether the permits were taken, how many are used, when the window ends.</summary>
public readonly record struct RateCount(bool Taken, long Used, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters that the per-account limits share. In one process they live in memory; with
/// <c>Redis:ConnectionString</c> set they live in Redis, so every instance counts the same failures. Permits can be
/// given back, so an attempt can take its permit before the work it guards and return it when it succeeds: attempts
/// sent in parallel then cannot all pass a check that only counts finished ones.
/// </summary>
public interface IRateCounters
{
    /// <summary>
    /// Takes <paramref name="permits"/> from <paramref name="key"/>'s window under <paramref name="rule"/>, unless that
    /// would go over the limit. Zero permits asks whether any are left, taking none.
    /// </summary>
    ValueTask<RateCount> TakeAsync(string ruleName, RateLimitRule rule, string key, int permits);

    /// <summary>Gives back permits taken in the current window.</summary>
    ValueTask ReturnAsync(string ruleName, string key, int permits);
}
