using System.Security.Claims;
using Mentori.Server.Features.Messages;
using Mentori.Server.Features.Sessions;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.SignalR.Client;

namespace Mentori.Server.Components;

public enum LiveStatus
{
    /// <summary>Not started, or paused while the browser is away from its circuit.</summary>
    Off,
    Live,
    /// <summary>Reconnecting for longer than a moment (a token renewal passes unnoticed).</summary>
    Reconnecting,
    /// <summary>No connection, and none coming: pushes do not arrive until the page is reloaded.</summary>
    Lost,
    /// <summary>The sign-in ended or the account was deactivated: no more pushes; the next page leads to sign-in.</summary>
    SignedOut,
}

/// <summary>
/// A browser tab's one connection to the chat hub, shared by the tab's live parts (the unread count in the header,
/// an open thread, the list of sessions) for as long as its circuit lives: a loopback connection of the signed-in user
/// (<see cref="ChatLoopback"/>), so pushes from every instance arrive. It pauses while the browser is away from the
/// circuit (<see cref="CircuitConnection"/>), so nobody counts as present who is not, and says when it (re)opens, as
/// pushes sent meanwhile are missed and each part catches up over the services. Handlers run on the hub's threads:
/// components wrap their work in <c>InvokeAsync</c>.
/// </summary>
public sealed class LiveFeed(ChatLoopback loopback, CircuitConnection circuit, IServiceScopeFactory scopes, ILogger<LiveFeed> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan QuietReconnect = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ClaimsPrincipal? _user;
    private HubConnection? _hub;
    private bool _disposed;

    public LiveStatus Status { get; private set; }

    public event Func<MessageResponse, Task>? MessageReceived;

    public event Func<MessagesRead, Task>? MessagesRead;

    public event Func<SessionChanged, Task>? SessionChanged;

    /// <summary>The connection opened, or opened again after a gap: pushes sent before it were missed.</summary>
    private event Func<Task>? Opened;

    public event Func<LiveStatus, Task>? StatusChanged;

    /// <summary>A part of this tab marked messages read: the others (the unread count) read afresh.</summary>
    public event Func<Task>? ReadHere;

    /// <summary>Which thread this tab shows, if any: a message from that person is read at once, not counted.</summary>
    public Guid? ReadingWith { get; set; }

    /// <summary>
    /// Starts the feed, or joins it when another part of the tab started it, and hears every opening; an opening that
    /// came before, for that other part, counts as one now.
    /// </summary>
    public async Task JoinAsync(ClaimsPrincipal user, Func<Task> opened)
    {
        var wasLive = Status == LiveStatus.Live;
        Opened += opened;
        await StartAsync(user);
        if (wasLive)
        {
            await RaiseAsync(opened, handler => handler());
        }
    }

    public void Leave(Func<Task> opened) => Opened -= opened;

    /// <summary>Starts listening as <paramref name="user"/>; later calls, from the tab's other parts, change nothing.</summary>
    private async Task StartAsync(ClaimsPrincipal user)
    {
        await _gate.WaitAsync();
        try
        {
            if (_user is not null || _disposed)
            {
                return;
            }

            _user = user;
            circuit.Changed += CircuitChangedAsync;
            if (circuit.IsUp)
            {
                await OpenAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task MarkedReadAsync() => RaiseAsync(ReadHere, handler => handler());

    /// <summary>Opens a connection; whatever keeps it from opening leaves the page as it is, and says so.</summary>
    private async Task OpenAsync()
    {
        HubConnection? hub = null;
        try
        {
            hub = loopback.Connect(_user!);
            hub.On<MessageResponse>("messageReceived", message => RaiseAsync(MessageReceived, handler => handler(message)));
            hub.On<MessagesRead>("messagesRead", read => RaiseAsync(MessagesRead, handler => handler(read)));
            hub.On<SessionChanged>("sessionChanged", change => RaiseAsync(SessionChanged, handler => handler(change)));
            var opened = hub;
            hub.Reconnecting += _ => ReconnectingAsync(opened);
            hub.Reconnected += _ => ReopenedAsync(opened);
            hub.Closed += _ => ClosedAsync(opened);
            _hub = hub;
            await hub.StartAsync();
        }
        catch (Exception exception) when (!_disposed)
        {
            logger.LogWarning(exception, "The live connection could not open; the page shows what was there when it opened");
            _hub = null;
            if (hub is not null)
            {
                await hub.DisposeAsync();
            }

            await SetStatusAsync(await SignedOutAsync() ? LiveStatus.SignedOut : LiveStatus.Lost);
            return;
        }
        catch (Exception) when (_disposed)
        {
            return; // the tab closed while it opened
        }

        await SetStatusAsync(LiveStatus.Live);
        await RaiseAsync(Opened, handler => handler());
    }

    private async Task CircuitChangedAsync(bool up)
    {
        await _gate.WaitAsync();
        try
        {
            if (up && _hub is null && !_disposed && Status != LiveStatus.SignedOut)
            {
                await OpenAsync();
            }
            else if (!up && _hub is { } hub)
            {
                _hub = null; // nobody is looking: not present for the unread email, and nothing gets marked read
                await SetStatusAsync(LiveStatus.Off);
                await hub.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReconnectingAsync(HubConnection hub)
    {
        // The hub drops the connections of an ended sign-in at once.
        if (await SignedOutAsync())
        {
            await EndAsync(hub);
            return;
        }

        await Task.Delay(QuietReconnect);
        if (_hub == hub && hub.State == HubConnectionState.Reconnecting)
        {
            await SetStatusAsync(LiveStatus.Reconnecting);
        }
    }

    private async Task ReopenedAsync(HubConnection hub)
    {
        if (_hub == hub)
        {
            await SetStatusAsync(LiveStatus.Live);
            await RaiseAsync(Opened, handler => handler());
        }
    }

    private async Task ClosedAsync(HubConnection hub)
    {
        if (_disposed || _hub != hub)
        {
            return; // closed on purpose
        }

        if (await SignedOutAsync())
        {
            await EndAsync(hub);
            return;
        }

        await SetStatusAsync(LiveStatus.Lost);
    }

    /// <summary>The sign-in ended: no more reconnects, each of which the hub would refuse.</summary>
    private async Task EndAsync(HubConnection hub)
    {
        if (Interlocked.CompareExchange(ref _hub, null, hub) == hub)
        {
            _ = Task.Run(() => hub.DisposeAsync().AsTask()); // not from within the connection's own event
        }

        await SetStatusAsync(LiveStatus.SignedOut);
    }

    /// <summary>Whether the sign-in has ended; a check that cannot be made (the database away) does not end it.</summary>
    private async Task<bool> SignedOutAsync()
    {
        try
        {
            return await SignedInUserCheck.RefusalInScopeAsync(_user!, scopes) is not null;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not check whether the sign-in of a live page has ended");
            return false;
        }
    }

    private Task SetStatusAsync(LiveStatus status)
    {
        if (Status == status)
        {
            return Task.CompletedTask;
        }

        Status = status;
        return RaiseAsync(StatusChanged, handler => handler(status));
    }

    /// <summary>Every handler in turn; one that fails is logged and does not keep the others from hearing.</summary>
    private async Task RaiseAsync<THandler>(THandler? handlers, Func<THandler, Task> call) where THandler : Delegate
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<THandler>() ?? [])
        {
            try
            {
                await call(handler);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A live part of the page failed to take an update");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        circuit.Changed -= CircuitChangedAsync;
        if (_hub is { } hub)
        {
            _hub = null;
            await hub.DisposeAsync();
        }
    }
}
