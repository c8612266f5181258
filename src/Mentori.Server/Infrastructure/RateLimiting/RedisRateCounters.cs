using StackExchange.Redis;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// <see cref="IRateCounters"/> in Redis: one key per window, checked and counted by one script so that instances
/// counting at the same moment never both take the last permit. If Redis cannot be reached, limits are not
/// applied (and a warning is logged) rather than every sign-in failing.
/// </summary>
public sealed class RedisRateCounters(IConnectionMultiplexer redis, ILogger<RedisRateCounters> logger) : IRateCounters
{
    // Returns {taken (1 or 0), used, milliseconds until the window ends}.
    private const string TakeScript = """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        local permits = tonumber(ARGV[2])
        local taken = 0
        if used + math.max(permits, 1) <= tonumber(ARGV[1]) then
          taken = 1
          if permits > 0 then
            used = redis.call('INCRBY', KEYS[1], permits)
            if used == permits then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
          end
        end
        return {taken, used, redis.call('PTTL', KEYS[1])}
        """;

    private const string ReturnScript = """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        if used > 0 then redis.call('DECRBY', KEYS[1], math.min(used, tonumber(ARGV[1]))) end
        return 0
        """;

    public async ValueTask<RateCount> TakeAsync(string ruleName, RateLimitRule rule, string key, int permits)
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(TakeScript, [Key(ruleName, key)],
                [rule.PermitLimit, permits, (long)rule.Window.TotalMilliseconds]))!;
            var ttl = (long)result[2];
            return new RateCount((long)result[0] == 1, (long)result[1], ttl > 0 ? TimeSpan.FromMilliseconds(ttl) : rule.Window);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Rate limit {Rule} not applied: Redis cannot be reached", ruleName);
            return new RateCount(true, 0, TimeSpan.Zero);
        }
    }

    public async ValueTask ReturnAsync(string ruleName, string key, int permits)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(ReturnScript, [Key(ruleName, key)], [permits]);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Rate limit {Rule}: a permit could not be given back, Redis cannot be reached", ruleName);
        }
    }

    private static RedisKey Key(string ruleName, string key) => new($"mentori:rate:{ruleName}:{key}");
}
