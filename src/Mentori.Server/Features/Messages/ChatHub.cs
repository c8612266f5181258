using Mentori.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// <c>/hubs/chat</c>: the server pushes <c>messageReceived(message)</c> to a message's receiver and
/// <c>messagesRead({readerId, upTo})</c> to the sender whose messages were read. Clients send through the REST API,
/// which answers only once a message is stored; a client that reconnects catches up there.
/// </summary>
[Authorize]
public sealed class ChatHub(ChatConnections connections, ChatPresence presence) : Hub
{
    public const string Path = AuthenticationRegistration.HubsPath + "/chat";

    public override async Task OnConnectedAsync()
    {
        connections.Opened(Context);
        if (Guid.TryParse(Context.UserIdentifier, out var userId))
        {
            await presence.OpenedAsync(Context.ConnectionId, userId);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context);
        await presence.ClosedAsync(Context.ConnectionId);
    }
}

/// <summary>Hub connections are addressed by the user id of the token or cookie (<c>sub</c>).</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(MentoriClaims.UserId)?.Value;
}
