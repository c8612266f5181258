using System.Text.Json;
using StackExchange.Redis;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>A sign-in that has ended: one session (logout), or every session of a user (password change, deactivation).</summary>
public sealed record SignInEnded(Guid? UserId, Guid? SessionId);

/// <summary>
/// Tells whoever holds a live connection for a sign-in (the chat hub) that it has ended, on this instance at once
/// and, with Redis, on every other instance through a Redis channel. Requests need no such message: each one is
/// checked against the database (<see cref="SignedInUserCheck"/>).
/// </summary>
public sealed class SignInEndings(ILogger<SignInEndings> logger, IConnectionMultiplexer? redis = null) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("mentori:sign-in-ended");

    /// <summary>Raised for every ending, from this instance or another.</summary>
    public event Action<SignInEnded>? Ended;

    public void Publish(SignInEnded ended)
    {
        Raise(ended);
        if (redis is not null)
        {
            redis.GetSubscriber().Publish(Channel, JsonSerializer.Serialize(ended), CommandFlags.FireAndForget);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is not null)
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
            {
                if (JsonSerializer.Deserialize<SignInEnded>(message.ToString()) is { } ended)
                {
                    Raise(ended);
                }
            });
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        redis is null ? Task.CompletedTask : redis.GetSubscriber().UnsubscribeAsync(Channel);

    private void Raise(SignInEnded ended)
    {
        try
        {
            Ended?.Invoke(ended);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "A listener failed on the end of a sign-in");
        }
    }
}
