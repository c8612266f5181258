using StackExchange.Redis;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// <see cref="IRateCounters"/> in Redis: one key per window, checked and counted by one script so that instances
/// counting at the same moment never both take the last permit. If Redis cannot be reached, limits are not
/// applied (and a warning is logged) rather than every sign-in failing.
/// </summary>
public sealed class RedisRateCounters(IConnectionMultiplexer redis, ILogger<RedisRateCounters> logger) : IRateCounters
{
    private const string Script = """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        local permits = tonumber(ARGV[2])
        if used + math.max(permits, 1) > tonumber(ARGV[1]) then
          return redis.call('PTTL', KEYS[1])
        end
        if permits > 0 and redis.call('INCRBY', KEYS[1], permits) == permits then
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
        end
        return -3
        """;

    public async ValueTask<TimeSpan?> TryTakeAsync(string ruleName, RateLimitRule rule, string key, int permits)
    {
        try
        {
            var result = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script,
                [new RedisKey($"mentori:rate:{ruleName}:{key}")],
                [rule.PermitLimit, permits, (long)rule.Window.TotalMilliseconds]);
            return result == -3 ? null : TimeSpan.FromMilliseconds(Math.Max(result, 1000));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Rate limit {Rule} not applied: Redis cannot be reached", ruleName);
            return null;
        }
    }
}
