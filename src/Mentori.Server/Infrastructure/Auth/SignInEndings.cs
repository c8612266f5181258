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
public sealed class SignInEndings(ILogger<SignInEndings> logger, IConnectionMultiplexer? redis = null) : BackgroundService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("mentori:sign-in-ended");

    /// <summary>Raised for every ending, from this instance or another.</summary>
    public event Action<SignInEnded>? Ended;

    public void Publish(SignInEnded ended)
    {
        Raise(ended);
        try
        {
            redis?.GetSubscriber().Publish(Channel, JsonSerializer.Serialize(ended), CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The other instances' sweeps close their connections within a minute instead.
            logger.LogWarning(exception, "Could not tell the other instances that a sign-in ended");
        }
    }

    /// <summary>Subscribes in the background, retrying, so that a Redis that is away does not stop the server from starting.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        redis is null ? Task.CompletedTask : SubscribeAsync(redis, stoppingToken);

    private async Task SubscribeAsync(IConnectionMultiplexer connection, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await connection.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
                {
                    if (JsonSerializer.Deserialize<SignInEnded>(message.ToString()) is { } ended)
                    {
                        Raise(ended);
                    }
                });
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                logger.LogWarning(exception, "Cannot subscribe to sign-in endings in Redis yet; retrying");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

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
