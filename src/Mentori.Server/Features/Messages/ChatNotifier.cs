using Mentori.Server.Features.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// Pushes to every connection of a user, on every instance when the Redis backplane is configured. Best effort: the
/// message or session is already stored, so a failure here (Redis down) is logged and the client catches up over REST.
/// </summary>
public sealed class ChatNotifier(IHubContext<ChatHub> hub, ILogger<ChatNotifier> logger)
{
    public Task MessageReceivedAsync(MessageResponse message) =>
        PushAsync(message.ReceiverId, "messageReceived", message);

    public Task MessagesReadAsync(Guid senderId, MessagesRead read) =>
        PushAsync(senderId, "messagesRead", read);

    public Task SessionChangedAsync(Guid otherPartyId, SessionChanged change) =>
        PushAsync(otherPartyId, "sessionChanged", change);

    private async Task PushAsync(Guid userId, string method, object payload)
    {
        try
        {
            await hub.Clients.User(userId.ToString()).SendAsync(method, payload);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not push {Method} to user {UserId}", method, userId);
        }
    }
}
