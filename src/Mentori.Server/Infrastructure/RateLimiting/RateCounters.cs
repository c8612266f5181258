using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// Fixed-window counters that the per-account limits share. In one process they live in memory; with
/// <c>Redis:ConnectionString</c> set they live in Redis, so every instance counts the same failures.
/// </summary>
public interface IRateCounters
{
    /// <summary>
    /// Takes <paramref name="permits"/> from <paramref name="key"/>'s window under <paramref name="rule"/>; null when
    /// taken, otherwise how long until the window ends. Zero permits asks whether any are left, taking none.
    /// </summary>
    ValueTask<TimeSpan?> TryTakeAsync(string ruleName, RateLimitRule rule, string key, int permits);
}

public sealed class MemoryRateCounters : IRateCounters, IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _limiters = new();

    public ValueTask<TimeSpan?> TryTakeAsync(string ruleName, RateLimitRule rule, string key, int permits)
    {
        var limiter = _limiters.GetOrAdd(ruleName, _ => PartitionedRateLimiter.Create<string, string>(partition =>
            RateLimitPartition.GetFixedWindowLimiter(partition, _ => FixedWindow(rule))));
        using var lease = limiter.AttemptAcquire(key, permits);
        return ValueTask.FromResult(lease.IsAcquired
            ? null
            : (TimeSpan?)(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : rule.Window));
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    internal static FixedWindowRateLimiterOptions FixedWindow(RateLimitRule rule) => new()
    {
        PermitLimit = rule.PermitLimit,
        Window = rule.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
