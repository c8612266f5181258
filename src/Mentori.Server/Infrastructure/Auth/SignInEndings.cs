using System.Text.Json;
using StackExchange.Redis;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// A sign-in that has ended: one sign-in (logout), or every sign-in of a user (password change, deactivation), which
/// is told as one ending per sign-in, each naming the user too, and one for the user alone.
/// </summary>
public sealed record SignInEnded(Guid? UserId, Guid? FamilyId);

/// <summary>
/// Tells this instance and, with Redis, every other one that a sign-in has ended, once the change is committed: each
/// forgets its cached status of that user or sign-in, so its next request or chat reconnect is checked against the
/// database, and raises <see cref="Ended"/> for the holders of live connections (the chat hub) to close them.
/// </summary>
public sealed class SignInEndings(UserStatusCache users, SignInStatusCache signIns, ILogger<SignInEndings> logger,
    IConnectionMultiplexer? redis = null) : BackgroundService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("mentori:sign-in-ended");

    /// <summary>Raised for every ending, from this instance or another.</summary>
    public event Action<SignInEnded>? Ended;

    public void Publish(SignInEnded ended)
    {
        Apply(ended);
        try
        {
            redis?.GetSubscriber().Publish(Channel, JsonSerializer.Serialize(ended), CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The other instances' caches expire, and their sweeps close the connections, within a minute instead.
            logger.LogWarning(exception, "Could not tell the other instances that a sign-in ended");
        }
    }

    /// <summary>
    /// Subscribes once. The client keeps the subscription and renews it on every reconnect, also when Redis is away
    /// now; retrying here would add the handler again each time.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (redis is null)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
            {
                if (JsonSerializer.Deserialize<SignInEnded>(message.ToString()) is { } ended)
                {
                    Apply(ended);
                }
            });
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Redis cannot be reached; sign-in endings from other instances arrive once it is back");
        }
    }

    private void Apply(SignInEnded ended)
    {
        if (ended.UserId is { } userId)
        {
            users.Forget(userId);
        }

        if (ended.FamilyId is { } familyId)
        {
            signIns.Forget(familyId);
        }

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
