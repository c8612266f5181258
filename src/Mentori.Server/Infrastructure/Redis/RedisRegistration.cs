using StackExchange.Redis;

namespace Mentori.Server.Infrastructure.Redis;

/// <summary>The <c>Redis</c> section: set it when several server instances share chat pushes, rate counters and sign-outs.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    public string? ConnectionString { get; set; }
}

public static class RedisRegistration
{
    /// <summary>The connection string, or null for one instance without Redis.</summary>
    public static string? RedisConnectionString(this IConfiguration configuration) =>
        configuration.GetSection(RedisOptions.Section).Get<RedisOptions>()?.ConnectionString is { Length: > 0 } redis ? redis : null;

    /// <summary>
    /// One shared connection for Mentori's own use of Redis (the chat backplane keeps its own). A Redis that cannot
    /// be reached does not stop the server from starting; the connection keeps retrying in the background, and
    /// its users carry on without it meanwhile.
    /// </summary>
    public static IServiceCollection AddMentoriRedis(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.RedisConnectionString() is { } redis)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;

                // While Redis is away, a command fails at once instead of holding a sign-in for the 5 s timeout.
                options.BacklogPolicy = BacklogPolicy.FailFast;
                return ConnectionMultiplexer.Connect(options);
            });
        }

        return services;
    }
}
