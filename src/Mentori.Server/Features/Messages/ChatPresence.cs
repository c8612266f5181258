using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// Who is on Mentori right now, across every instance: each open chat connection is a row of
/// <c>chat_connections</c>, written when it opens and deleted when it closes. Every <see cref="RenewInterval"/> an
/// instance renews its own rows and deletes those nobody renewed for <see cref="Lifetime"/> (their instance died).
/// Presence is best effort: a write that fails is logged, never a reason to refuse a connection; its worst outcome
/// is one unread-message email too many or too few.
/// </summary>
public sealed class ChatPresence(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ChatPresence> logger) : BackgroundService
{
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly Guid _instanceId = Guid.CreateVersion7();

    /// <summary>The oldest renewal that still counts at <paramref name="now"/>.</summary>
    public static DateTime AliveSince(DateTime now) => now - Lifetime;

    public Task OpenedAsync(string connectionId, Guid userId) => WriteAsync("record an opened chat connection", db =>
    {
        db.ChatConnections.Add(new ChatConnection { Id = connectionId, UserId = userId, InstanceId = _instanceId, SeenAt = clock.StoredUtcNow() });
        return db.SaveChangesAsync(CancellationToken.None);
    });

    public Task ClosedAsync(string connectionId) => WriteAsync("remove a closed chat connection", db =>
        db.ChatConnections.Where(c => c.Id == connectionId).ExecuteDeleteAsync(CancellationToken.None));

    /// <summary>Renews this instance's connections and forgets those of instances that stopped renewing theirs.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        var now = clock.StoredUtcNow();
        await db.ChatConnections.Where(c => c.InstanceId == _instanceId).ExecuteUpdateAsync(set => set.SetProperty(c => c.SeenAt, now), cancellationToken);
        var aliveSince = AliveSince(now);
        await db.ChatConnections.Where(c => c.SeenAt <= aliveSince).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RenewAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Could not renew the chat connections of this instance; trying again in {Interval}", RenewInterval);
            }
        }
    }

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
            logger.LogWarning(exception, "Could not {What}; presence catches up at the next renewal", what);
        }
    }
}
