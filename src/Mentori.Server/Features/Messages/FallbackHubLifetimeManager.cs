using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// The Redis backplane, and this instance alone while Redis is away. Every connection is known to both the Redis
/// manager and a local one; a push goes through Redis (which delivers to every instance, this one included), and when
/// Redis cannot take it, to this instance's own connections: chat degrades to the local instance instead of failing,
/// and crosses instances again once Redis is back. A connection made while Redis was away is registered with Redis
/// every <see cref="RetryInterval"/> until that succeeds.
/// </summary>
public sealed class FallbackHubLifetimeManager<THub> : HubLifetimeManager<THub>, IDisposable
    where THub : Hub
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly RedisHubLifetimeManager<THub> redis;
    private readonly DefaultHubLifetimeManager<THub> local;
    private readonly ILogger<FallbackHubLifetimeManager<THub>> logger;
    private readonly ConcurrentDictionary<string, HubConnectionContext> _localOnly = new();
    private readonly ITimer _retry;
    private int _retrying;

    /// <summary>The Redis manager is this one's own (made here, disposed here), so that a stop while Redis is away is clean.</summary>
    public FallbackHubLifetimeManager(IServiceProvider services, DefaultHubLifetimeManager<THub> local, TimeProvider clock,
        ILogger<FallbackHubLifetimeManager<THub>> logger)
    {
        (redis, this.local, this.logger) = (ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<THub>>(services), local, logger);
        _retry = clock.CreateTimer(_ => _ = RegisterLocalOnlyAsync(), null, RetryInterval, RetryInterval);
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await local.OnConnectedAsync(connection);
        if (!await TryRedisAsync(() => redis.OnConnectedAsync(connection), "register a connection"))
        {
            await ForgetOnRedisAsync(connection); // a half registration would keep the user's channel from being subscribed later
            _localOnly[connection.ConnectionId] = connection;
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _localOnly.TryRemove(connection.ConnectionId, out _);
        await local.OnDisconnectedAsync(connection);
        await TryRedisAsync(() => redis.OnDisconnectedAsync(connection), "unregister a connection");
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendAllAsync(methodName, args, cancellationToken));

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendConnectionAsync(connectionId, methodName, args, cancellationToken));

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendGroupAsync(groupName, methodName, args, cancellationToken));

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendGroupsAsync(groupNames, methodName, args, cancellationToken));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendUserAsync(userId, methodName, args, cancellationToken));

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(manager => manager.SendUsersAsync(userIds, methodName, args, cancellationToken));

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        await TryRedisAsync(() => redis.AddToGroupAsync(connectionId, groupName, cancellationToken), "add to a group");
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        await TryRedisAsync(() => redis.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), "remove from a group");
    }

    public void Dispose()
    {
        _retry.Dispose();
        try
        {
            redis.Dispose();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            logger.LogWarning(exception, "The chat backplane's Redis connection could not be closed cleanly");
        }
    }

    private async Task SendAsync(Func<HubLifetimeManager<THub>, Task> send)
    {
        try
        {
            await send(redis);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            logger.LogWarning("Redis cannot be reached: a chat push goes to this instance's connections only ({Error})", exception.Message);
            await send(local);
        }
    }

    private async Task<bool> TryRedisAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            logger.LogWarning("Redis cannot be reached: could not {What} on the backplane; it is on this instance only ({Error})", what, exception.Message);
            return false;
        }
    }

    /// <summary>One tick's attempt to put the local-only connections on the backplane; a tick finding one still running does nothing.</summary>
    private async Task RegisterLocalOnlyAsync()
    {
        if (_localOnly.IsEmpty || Interlocked.Exchange(ref _retrying, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (id, connection) in _localOnly)
            {
                if (connection.ConnectionAborted.IsCancellationRequested)
                {
                    _localOnly.TryRemove(id, out _);
                    continue;
                }

                try
                {
                    await redis.OnConnectedAsync(connection);
                }
                catch (Exception exception) when (IsRedisFailure(exception))
                {
                    await ForgetOnRedisAsync(connection);
                    return; // still away: the next tick tries again
                }

                if (!_localOnly.TryRemove(id, out _))
                {
                    await ForgetOnRedisAsync(connection); // it disconnected meanwhile
                    continue;
                }

                logger.LogInformation("Redis is back: connection {ConnectionId} is on the backplane again", id);
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not put the chat connections of this instance back on the Redis backplane; trying again");
        }
        finally
        {
            Volatile.Write(ref _retrying, 0);
        }
    }

    private async Task ForgetOnRedisAsync(HubConnectionContext connection)
    {
        try
        {
            await redis.OnDisconnectedAsync(connection);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // Best effort while Redis is away: the next registration starts from the connection as it is.
        }
    }

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException or ObjectDisposedException;
}
