using System.Threading.RateLimiting;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// One partition of an HTTP rate limit, counted in <see cref="IRateCounters"/>: in this process's memory, or with
/// Redis in windows every instance shares, so that two instances behind a proxy do not give a user twice the limit.
/// The counters are reached asynchronously, so the middleware's synchronous first try always defers to
/// <see cref="AcquireAsyncCore"/>; the partition holds no state of its own and may be dropped whenever it is idle.
/// </summary>
public sealed class CountedRateLimiter(IRateCounters counters, string ruleName, RateLimitRule rule, string key) : RateLimiter
{
    public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var count = await counters.TakeAsync(ruleName, rule, key, permitCount);
        return count.Taken ? Lease.Granted : new Lease(acquired: false, count.RetryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(acquired: true, null);
        public static readonly Lease NotYet = new(acquired: false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
