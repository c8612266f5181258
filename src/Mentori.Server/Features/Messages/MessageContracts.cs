using System.ComponentModel;
using Mentori.Data.Entities;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Idempotency;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// <c>POST /messages</c>. Nullable, so a missing field is a field error. <c>id</c> is the client's own
/// (<see cref="ClientId"/>), or null for one Mentori chooses.
/// </summary>
public sealed record SendMessageRequest(Guid? ReceiverId, string? Content, Guid? SessionId = null,
    [property: Description(ClientId.Description)] Guid? Id = null);

/// <summary>A message as sender and receiver see it, and as the hub pushes it (<c>messageReceived</c>).</summary>
public sealed record MessageResponse(
    Guid Id, Guid SenderId, Guid ReceiverId, Guid? SessionId, string Content, bool IsRead, DateTime? ReadAt, DateTime CreatedAt)
{
    public static MessageResponse From(Message message) => new(message.Id, message.SenderId, message.ReceiverId, message.SessionId,
        message.Content, message.IsRead, message.ReadAt, message.CreatedAt);
}

/// <summary>One counterpart in <c>GET /conversations</c>.</summary>
public sealed record ConversationResponse(UserSummary User, MessageResponse LastMessage, int UnreadCount);

/// <summary>What the hub pushes to a sender (<c>messagesRead</c>) when the receiver has read up to a message's time.</summary>
public sealed record MessagesRead(Guid ReaderId, DateTime UpTo);

public sealed record UnreadCount(int Count);
