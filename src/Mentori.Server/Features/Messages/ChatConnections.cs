using System.Collections.Concurrent;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// The chat connections open on this instance, with the sign-in each belongs to, so that they close when that
/// sign-in ends: at once on a logout, password change, reset, deactivation or deletion (from any instance, through
/// <see cref="SignInEndings"/>), and in any case within <see cref="SweepInterval"/> plus the status caches' 30
/// seconds, by re-checking every connection, as every request is checked.
/// </summary>
public sealed class ChatConnections : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private sealed record Connection(Guid UserId, Guid FamilyId, HubCallerContext Context);

    private readonly ConcurrentDictionary<string, Connection> _open = new();
    private readonly UserStatusCache _users;
    private readonly SignInStatusCache _signIns;
    private readonly TimeProvider _clock;
    private readonly ILogger<ChatConnections> _logger;

    public ChatConnections(SignInEndings endings, UserStatusCache users, SignInStatusCache signIns, TimeProvider clock, ILogger<ChatConnections> logger)
    {
        _users = users;
        _signIns = signIns;
        _clock = clock;
        _logger = logger;
        endings.Ended += Close;
    }

    public void Opened(HubCallerContext context)
    {
        if (Guid.TryParse(context.User?.FindFirst(MentoriClaims.UserId)?.Value, out var userId)
            && Guid.TryParse(context.User?.FindFirst(MentoriClaims.SignInId)?.Value, out var familyId))
        {
            _open[context.ConnectionId] = new Connection(userId, familyId, context);
        }
        else
        {
            context.Abort();
        }
    }

    public void Closed(HubCallerContext context) => _open.TryRemove(context.ConnectionId, out _);

    private void Close(SignInEnded ended)
    {
        foreach (var connection in _open.Values.Where(c => c.UserId == ended.UserId || c.FamilyId == ended.FamilyId))
        {
            Abort(connection);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var connection in _open.Values)
            {
                try
                {
                    var user = await _users.GetAsync(connection.UserId, stoppingToken);
                    if (user is not { IsActive: true } || !await _signIns.IsAliveAsync(connection.FamilyId, stoppingToken))
                    {
                        Abort(connection);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    _logger.LogWarning(exception, "Could not re-check a chat connection; trying again at the next sweep");
                }
            }
        }
    }

    private void Abort(Connection connection)
    {
        _open.TryRemove(connection.Context.ConnectionId, out _);
        connection.Context.Abort();
    }
}
