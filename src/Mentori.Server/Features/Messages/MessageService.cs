using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Database;
using Mentori.Server.Infrastructure.Idempotency;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// Messages between people who share a session (decision 7). A message is answered 201 only once it is committed;
/// the push that follows is best effort.
/// </summary>
public sealed class MessageService(MentoriDb db, TimeProvider clock, VerifiedEmailRule verified, ChatNotifier notifier, MessageQueries queries)
{
    private const string ThreadList = "thread";
    private const string ConversationList = "conversations";

    public async Task<Written<MessageResponse>> SendAsync(ClaimsPrincipal caller, SendMessageRequest request, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        await verified.EnsureAsync(me, cancellationToken);
        var errors = new ValidationErrors();
        var id = ClientId.Check(errors, request.Id);
        errors.AddIf(request.ReceiverId is null, "receiverId", "This field is required.");
        errors.AddIf(request.ReceiverId == me, "receiverId", "You cannot send a message to yourself.");
        var content = FreeText.Optional(errors, "content", request.Content, Message.MaxContentLength);
        errors.AddIf(content is null, "content", "A message has 1 to 2000 characters.");
        errors.ThrowIfAny();

        var receiver = request.ReceiverId!.Value;
        var sent = new Message { Id = id ?? Guid.CreateVersion7(), SenderId = me, ReceiverId = receiver, SessionId = request.SessionId, Content = content! };
        if (id is not null && await StoredAsync(sent, cancellationToken) is { } before)
        {
            return before;
        }

        var shared = db.Sessions.Where(s => (s.MentorId == me && s.MenteeId == receiver) || (s.MentorId == receiver && s.MenteeId == me));
        if (request.SessionId is { } sessionId)
        {
            shared = shared.Where(s => s.Id == sessionId);
        }

        if (!await shared.AnyAsync(cancellationToken))
        {
            throw ProblemException.Forbidden(ProblemTypes.NoSharedSession, "You can only message people you share a session with",
                request.SessionId is null
                    ? "Request a session with this person first."
                    : "Both of you must take part in the session named by sessionId.");
        }

        db.Messages.Add(sent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (id is not null && DatabaseErrors.IsUniqueViolation(exception))
        {
            // The same id arrived twice at once: the other write stored it.
            db.ChangeTracker.Clear();
            return await StoredAsync(sent, cancellationToken) ?? throw ClientId.InUse();
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsForeignKeyViolation(exception))
        {
            // The receiver's account (and with it the shared session) was deleted meanwhile.
            throw ProblemException.Forbidden(ProblemTypes.NoSharedSession, "You can only message people you share a session with",
                "This person no longer shares a session with you.");
        }

        var response = MessageResponse.From(sent);
        await notifier.MessageReceivedAsync(response);
        return new Written<MessageResponse>(response, WasStoredBefore: false);
    }

    /// <summary>The message stored under <paramref name="sent"/>'s id, when it is the same write; another under that id is 409.</summary>
    private async Task<Written<MessageResponse>?> StoredAsync(Message sent, CancellationToken cancellationToken)
    {
        var stored = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == sent.Id, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var same = stored.SenderId == sent.SenderId && stored.ReceiverId == sent.ReceiverId && stored.SessionId == sent.SessionId
            && stored.Content == sent.Content;
        return same ? new Written<MessageResponse>(MessageResponse.From(stored), WasStoredBefore: true) : throw ClientId.InUse();
    }

    /// <summary>Whether the caller may see a thread with <paramref name="otherId"/>: they share a session, or have written.</summary>
    public async Task<bool> MayTalkAsync(ClaimsPrincipal caller, Guid otherId, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        return await db.Sessions.AnyAsync(s => (s.MentorId == me && s.MenteeId == otherId) || (s.MentorId == otherId && s.MenteeId == me), cancellationToken)
            || await db.Messages.AnyAsync(m => (m.SenderId == me && m.ReceiverId == otherId) || (m.SenderId == otherId && m.ReceiverId == me), cancellationToken);
    }

    /// <summary>The thread with one other user, newest first, paged by <c>(created_at, id)</c>.</summary>
    public async Task<Page<MessageResponse>> ThreadAsync(ClaimsPrincipal caller, Guid otherId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        var errors = new ValidationErrors();
        var page = PageRequest.From(errors, limit, cursor, TimeKey.Parser(ThreadList));
        errors.ThrowIfAny();

        var rows = page.After is null
            ? await queries.ThreadFirstPage(db, me, otherId, page.FetchCount).ToListAsync(cancellationToken)
            : await db.Messages.NewestFirst(m => m.CreatedAt, page.After).AsNoTracking()
                .Where(m => (m.SenderId == me && m.ReceiverId == otherId) || (m.SenderId == otherId && m.ReceiverId == me))
                .Take(page.FetchCount)
                .ToListAsync(cancellationToken);
        return page.ToPage(rows, MessageResponse.From, m => new TimeKey(m.CreatedAt, m.Id).ToParts(ThreadList));
    }

    /// <summary>One item per counterpart with the last message either way and the caller's unread count, most recent first.</summary>
    public async Task<Page<ConversationResponse>> ConversationsAsync(ClaimsPrincipal caller, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        var errors = new ValidationErrors();
        var page = PageRequest.From(errors, limit, cursor, TimeKey.Parser(ConversationList));
        errors.ThrowIfAny();

        // The newest message with each counterpart, either way (a window function: both databases have one).
        var meValue = DatabaseValues.Of(db.Provider, me);
        var latest = db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM (
                SELECT id, row_number() OVER (
                    PARTITION BY CASE WHEN sender_id = {meValue} THEN receiver_id ELSE sender_id END
                    ORDER BY created_at DESC, id DESC) AS position
                FROM messages WHERE sender_id = {meValue} OR receiver_id = {meValue}) numbered
            WHERE position = 1
            """);
        var rows = await db.Messages.NewestFirst(m => m.CreatedAt, page.After).AsNoTracking()
            .Where(m => latest.Contains(m.Id))
            .Take(page.FetchCount)
            .ToListAsync(cancellationToken);

        // The page's counterparts and unread counts, in two more queries (at most a page's worth each).
        var others = rows.Select(m => m.SenderId == me ? m.ReceiverId : m.SenderId).ToList();
        var people = await db.Profiles.AsNoTracking().Where(p => others.Contains(p.UserId))
            .Select(p => new UserSummary(p.UserId, p.FirstName, p.LastName, p.ProfileImage))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var unread = await db.Messages.Where(m => m.ReceiverId == me && !m.IsRead && others.Contains(m.SenderId))
            .GroupBy(m => m.SenderId).Select(g => new { Sender = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Sender, g => g.Count, cancellationToken);
        return page.ToPage(rows,
            m =>
            {
                var other = m.SenderId == me ? m.ReceiverId : m.SenderId;
                return new ConversationResponse(people.GetValueOrDefault(other) ?? new UserSummary(other, null, null, null),
                    MessageResponse.From(m), unread.GetValueOrDefault(other));
            },
            m => new TimeKey(m.CreatedAt, m.Id).ToParts(ConversationList));
    }

    /// <summary>
    /// Marks every unread message from <paramref name="otherId"/> to the caller read, and tells the sender up to which
    /// time (the newest message marked); a message that arrives meanwhile stays unread.
    /// </summary>
    public async Task MarkReadAsync(ClaimsPrincipal caller, Guid otherId, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        var unread = db.Messages.Where(m => m.ReceiverId == me && m.SenderId == otherId && !m.IsRead);
        var upTo = await unread.MaxAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        if (upTo is null)
        {
            return;
        }

        var now = clock.StoredUtcNow();
        await unread.Where(m => m.CreatedAt <= upTo).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.IsRead, true)
            .SetProperty(m => m.ReadAt, now), cancellationToken);
        await notifier.MessagesReadAsync(otherId, new MessagesRead(me, upTo.Value));
    }

    public async Task<UnreadCount> UnreadCountAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        return new UnreadCount(await queries.UnreadCount(db, me, cancellationToken));
    }
}
