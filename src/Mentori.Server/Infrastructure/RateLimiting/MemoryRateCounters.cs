using System.Collections.Concurrent;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary><see cref="IRateCounters"/> in this process's memory, by the injected clock; ended windows are swept out as it goes.</summary>
public sealed class MemoryRateCounters(TimeProvider clock) : IRateCounters
{
    private sealed class Window(DateTimeOffset endsAt)
    {
        public DateTimeOffset EndsAt { get; set; } = endsAt;
        public long Used { get; set; }
    }

    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _operations;

    public ValueTask<RateCount> TakeAsync(string ruleName, RateLimitRule rule, string key, int permits)
    {
        var now = clock.GetUtcNow();
        SweepNowAndThen(now);
        var window = _windows.GetOrAdd($"{ruleName}:{key}", _ => new Window(now + rule.Window));
        lock (window)
        {
            if (window.EndsAt <= now)
            {
                window.EndsAt = now + rule.Window;
                window.Used = 0;
            }

            var taken = window.Used + Math.Max(permits, 1) <= rule.PermitLimit;
            if (taken)
            {
                window.Used += permits;
            }

            return ValueTask.FromResult(new RateCount(taken, window.Used, window.EndsAt - now));
        }
    }

    public ValueTask ReturnAsync(string ruleName, string key, int permits)
    {
        if (_windows.TryGetValue($"{ruleName}:{key}", out var window))
        {
            lock (window)
            {
                window.Used = Math.Max(0, window.Used - permits);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Windows that have ended are removed now and then, so keys that are never seen again do not pile up.</summary>
    private void SweepNowAndThen(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _operations) % SweepEvery != 0)
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            if (window.EndsAt <= now)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
            }
        }
    }
}
