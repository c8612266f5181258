using System.Security.Claims;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentori.Server.Features.Messages;

/// <summary>The HTTP surface of messages: api.md, "Messages". The hub is mapped by <see cref="MessagesRegistration"/>.</summary>
public static class MessagesEndpoints
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder api)
    {
        var messages = api.MapGroup("/").WithTags("Messages").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        messages.MapPost("/messages", async Task<Results<Created<MessageResponse>, Ok<MessageResponse>>> (SendMessageRequest request, ClaimsPrincipal user, MessageService service, CancellationToken cancellationToken) =>
            {
                var message = await service.SendAsync(user, request, cancellationToken);
                return message.ToResult($"/api/v1/conversations/{message.Value.ReceiverId}/messages");
            })
            .RequireRateLimiting(RateLimitingRegistration.Messages)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("sendMessage")
            .WithSummary("Send a text message to someone you share a session with (verified users).")
            .WithDescription("""
                201 once the message is stored; the receiver's connected clients then get `messageReceived` on /hubs/chat.
                With a client-chosen `id` (a UUID of version 7) the same message sent again is answered 200 with the stored
                one and is neither stored nor pushed twice; another message under a stored id is 409 `id-in-use`.
                """);

        messages.MapGet("/messages/unread-count", async Task<Ok<UnreadCount>> (ClaimsPrincipal user, MessageService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.UnreadCountAsync(user, cancellationToken)))
            .WithName("getUnreadCount")
            .WithSummary("How many messages to the caller are unread.");

        messages.MapGet("/conversations", async Task<Ok<Page<ConversationResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, MessageService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.ConversationsAsync(user, limit, cursor, cancellationToken)))
            .ProducesValidationProblem()
            .WithName("listConversations")
            .WithSummary("One item per counterpart: the last message and the unread count, most recent first.");

        messages.MapGet("/conversations/{userId:guid}/messages", async Task<Ok<Page<MessageResponse>>> (Guid userId, int? limit, string? cursor, ClaimsPrincipal user, MessageService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.ThreadAsync(user, userId, limit, cursor, cancellationToken)))
            .ProducesValidationProblem()
            .WithName("listMessages")
            .WithSummary("The thread with one user, newest first.");

        messages.MapPost("/conversations/{userId:guid}/read", async Task<NoContent> (Guid userId, ClaimsPrincipal user, MessageService service, CancellationToken cancellationToken) =>
            {
                await service.MarkReadAsync(user, userId, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("markConversationRead")
            .WithSummary("Mark every message from that user to the caller read; the sender gets `messagesRead`.");

        return api;
    }
}
