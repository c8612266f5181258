using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mentori.Server.Infrastructure.Hosting;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// Tells a person by email of a chat message they have left unread for <see cref="UnreadFor"/> while not on
/// Mentori (no open chat connection on any instance, <see cref="ChatPresence"/>), unless they turned these emails
/// off: at most one an hour per conversation, and never twice about the same messages. Every minute (by the
/// injected clock) it looks for such conversations; the email is queued with its <c>unread_message_notices</c> row,
/// whose key and concurrency token let exactly one instance send it.
/// </summary>
public sealed class UnreadMessageEmails(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EmailOptions> options, ILogger<UnreadMessageEmails> logger)
    : BackgroundService
{
    public static readonly TimeSpan UnreadFor = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan AtMostEvery = TimeSpan.FromHours(1);
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Messages older than this are not emailed about any more (and the search stays bounded).</summary>
    public static readonly TimeSpan LooksBack = TimeSpan.FromDays(3);

    private const int ExcerptLength = 300;

    private sealed record Person(Guid Id, string Email, string? FirstName, string? LastName);

    /// <summary>Queues the emails due now; the number queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var now = clock.StoredUtcNow();
        var unreadSince = now - UnreadFor;
        var quietSince = now - AtMostEvery;
        var lookedBackTo = now - LooksBack;
        var aliveSince = ChatPresence.AliveSince(now);
        var due = await db.Messages.AsNoTracking()
            .Where(m => !m.IsRead && m.CreatedAt <= unreadSince && m.CreatedAt > lookedBackTo && m.Receiver.IsActive
                && !db.ChatConnections.Any(c => c.UserId == m.ReceiverId && c.SeenAt > aliveSince)
                && !db.NotificationPreferences.Any(p => p.UserId == m.ReceiverId && !p.UnreadMessages)
                && !db.UnreadMessageNotices.Any(n => n.ReceiverId == m.ReceiverId && n.SenderId == m.SenderId
                    && (n.SentAt > quietSince || n.NotifiedUpTo >= m.CreatedAt)))
            .Select(m => new { m.ReceiverId, m.SenderId })
            .Distinct()
            .ToListAsync(cancellationToken);

        var queued = 0;
        foreach (var conversation in due)
        {
            try
            {
                if (await QueueAsync(db, outbox, conversation.ReceiverId, conversation.SenderId, now, cancellationToken))
                {
                    queued++;
                }
            }
            catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException
                || DatabaseErrors.IsUniqueViolation(exception) || DatabaseErrors.IsForeignKeyViolation(exception))
            {
                // Another instance sent it first, or one of the two accounts is gone.
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Could not queue the unread-message email of user {ReceiverId}; trying again at the next pass", conversation.ReceiverId);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }

    /// <summary>The email about every message from the sender still unread, saved with the notice that records it.</summary>
    private async Task<bool> QueueAsync(MentoriDb db, EmailOutbox outbox, Guid receiverId, Guid senderId, DateTime now, CancellationToken cancellationToken)
    {
        var unread = await db.Messages.AsNoTracking()
            .Where(m => m.ReceiverId == receiverId && m.SenderId == senderId && !m.IsRead)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.Content, m.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (unread is null)
        {
            return false; // read meanwhile
        }

        var count = await db.Messages.CountAsync(m => m.ReceiverId == receiverId && m.SenderId == senderId && !m.IsRead, cancellationToken);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == receiverId || u.Id == senderId)
            .Select(u => new Person(u.Id, u.Email, u.Profile!.FirstName, u.Profile.LastName))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        if (!people.TryGetValue(receiverId, out var receiver) || !people.TryGetValue(senderId, out var sender))
        {
            return false;
        }

        var notice = await db.UnreadMessageNotices.SingleOrDefaultAsync(n => n.ReceiverId == receiverId && n.SenderId == senderId, cancellationToken);
        if (notice is not null && (notice.SentAt > now - AtMostEvery || notice.NotifiedUpTo >= unread.CreatedAt))
        {
            return false; // another instance emailed meanwhile
        }

        if (notice is null)
        {
            notice = new UnreadMessageNotice { ReceiverId = receiverId, SenderId = senderId };
            db.UnreadMessageNotices.Add(notice);
        }

        notice.NotifiedUpTo = unread.CreatedAt;
        notice.SentAt = now;
        Write(outbox, receiver, sender, senderId, unread.Content, count);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private void Write(EmailOutbox outbox, Person to, Person from, Guid senderId, string newest, int count)
    {
        var name = PersonName.Full(from.FirstName, from.LastName);
        var excerpt = newest.Length <= ExcerptLength ? newest : $"{newest[..ExcerptLength].TrimEnd()}…";
        var earlier = count == 1 ? "" : $"\n\nThis is the latest of {count} messages from {from.FirstName} you have not read yet.";
        outbox.Enqueue(to.Email, count == 1 ? $"{name} sent you a message" : $"{name} sent you {count} messages", $"""
            Hi {to.FirstName},

            {name} wrote to you on Mentori:

            {excerpt}{earlier}

            Read and answer here: {options.Value.PageUrl($"/messages/{senderId}")}

            You get this email when a message waits unread for {UnreadFor.TotalMinutes:0} minutes while you are away from Mentori, at most once an hour for each conversation. To turn these emails off: {options.Value.PageUrl("/settings/notifications")}

            — The Mentori team
            """);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(clock, Interval, SendDueAsync,
        exception => logger.LogError(exception, "Unread-message emails failed; trying again in {Interval}", Interval),
        stoppingToken);
}
