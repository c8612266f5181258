using System.Collections.Concurrent;
using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Mentori.Server.Infrastructure.Hosting;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// Who is on Mentori right now, across every instance: each open chat connection is a row of
/// <c>chat_connections</c>, written when it opens and deleted when it closes. Every <see cref="RenewInterval"/> an
/// instance renews its own rows, writes again those it lost (a failed write, or a database outage long enough for
/// another instance to take them for a dead one's), and deletes the rows nobody renewed for <see cref="Lifetime"/>
/// (their instance died). A write that fails is logged, never a reason to refuse a connection; until the next
/// renewal mends it, that person may get an unread-message email while connected. The instances' clocks must agree
/// to well within the lifetime.
/// </summary>
public sealed class ChatPresence(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ChatPresence> logger) : BackgroundService
{
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly Guid _instanceId = Guid.CreateVersion7();
    private readonly ConcurrentDictionary<string, Guid> _open = new();

    /// <summary>The oldest renewal that still counts at <paramref name="now"/>.</summary>
    public static DateTime AliveSince(DateTime now) => now - Lifetime;

    public Task OpenedAsync(string connectionId, Guid userId) => WriteAsync("record an opened chat connection", db =>
    {
        _open[connectionId] = userId;
        db.ChatConnections.Add(new ChatConnection { Id = connectionId, UserId = userId, InstanceId = _instanceId, SeenAt = clock.StoredUtcNow() });
        return db.SaveChangesAsync(CancellationToken.None);
    });

    public Task ClosedAsync(string connectionId) => WriteAsync("remove a closed chat connection", db =>
    {
        _open.TryRemove(connectionId, out _);
        return db.ChatConnections.Where(c => c.Id == connectionId).ExecuteDeleteAsync(CancellationToken.None);
    });

    /// <summary>
    /// Makes this instance's rows exactly its open connections, all renewed now, and forgets the rows of instances
    /// that stopped renewing theirs.
    /// </summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        var now = clock.StoredUtcNow();
        var open = _open.ToArray();
        var ids = open.Select(c => c.Key).ToList();
        var mine = db.ChatConnections.Where(c => c.InstanceId == _instanceId);
        await mine.Where(c => !ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        await mine.ExecuteUpdateAsync(set => set.SetProperty(c => c.SeenAt, now), cancellationToken);
        var stored = await db.ChatConnections.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        db.ChatConnections.AddRange(open.Where(c => !stored.Contains(c.Key))
            .Select(c => new ChatConnection { Id = c.Key, UserId = c.Value, InstanceId = _instanceId, SeenAt = now }));
        await db.SaveChangesAsync(cancellationToken);

        var aliveSince = AliveSince(now);
        await db.ChatConnections.Where(c => c.SeenAt <= aliveSince).ExecuteDeleteAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(clock, RenewInterval, RenewAsync,
        exception => logger.LogWarning(exception, "Could not renew the chat connections of this instance; trying again in {Interval}", RenewInterval),
        stoppingToken);

    /// <summary>On a graceful stop the instance's connections end with it.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync("remove this instance's chat connections", db =>
            db.ChatConnections.Where(c => c.InstanceId == _instanceId).ExecuteDeleteAsync(cancellationToken));
    }

    private async Task WriteAsync(string what, Func<MentoriDb, Task> write)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await write(scope.ServiceProvider.GetRequiredService<MentoriDb>());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not {What}; the next renewal mends it", what);
        }
    }
}
