using System.Security.Claims;
using Mentori.Data;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Accounts;

/// <summary>
/// <c>GET /me/export</c>: every row about the caller in one document: the account, the profile, sessions on
/// either side, messages sent or received, ratings given or received, and the sign-in and email tokens
/// (when and until when, never the secrets or hashes).
/// </summary>
public sealed class AccountExport(MentoriDb db)
{
    public async Task<object> ExportAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        var user = await db.Users.AsNoTracking().Include(u => u.Profile).SingleAsync(u => u.Id == userId, cancellationToken);
        return new
        {
            ExportedFor = user.Id,
            User = UserResponse.From(user),
            Profile = user.Profile is null ? null : ProfileResponse.From(user.Profile),
            Sessions = await db.Sessions.AsNoTracking()
                .Where(s => s.MentorId == userId || s.MenteeId == userId)
                .OrderBy(s => s.ScheduledAt)
                .Select(s => new
                {
                    s.Id, s.MentorId, s.MenteeId, s.Status, s.ScheduledAt, s.Duration, s.MeetingLink,
                    s.Notes, s.MenteeNotes, s.MentorNotes, s.CreatedAt, s.UpdatedAt,
                })
                .ToListAsync(cancellationToken),
            Messages = await db.Messages.AsNoTracking()
                .Where(m => m.SenderId == userId || m.ReceiverId == userId)
                .OrderBy(m => m.CreatedAt)
                .Select(m => new { m.Id, m.SessionId, m.SenderId, m.ReceiverId, m.Content, m.MessageType, m.IsRead, m.ReadAt, m.CreatedAt })
                .ToListAsync(cancellationToken),
            Ratings = await db.Ratings.AsNoTracking()
                .Where(r => r.RaterId == userId || r.RatedId == userId)
                .OrderBy(r => r.CreatedAt)
                .Select(r => new { r.Id, r.SessionId, r.RaterId, r.RatedId, Rating = r.Score, r.Feedback, r.CreatedAt })
                .ToListAsync(cancellationToken),
            SignIns = await db.RefreshTokens.AsNoTracking()
                .Where(t => t.UserId == userId)
                .OrderBy(t => t.CreatedAt)
                .Select(t => new { t.Id, t.FamilyId, t.CreatedAt, t.ExpiresAt, t.UsedAt, t.RevokedAt })
                .ToListAsync(cancellationToken),
            EmailTokens = await db.EmailTokens.AsNoTracking()
                .Where(t => t.UserId == userId)
                .OrderBy(t => t.CreatedAt)
                .Select(t => new { t.Id, t.Purpose, t.CreatedAt, t.ExpiresAt, t.UsedAt })
                .ToListAsync(cancellationToken),
            NotificationPreferences = await db.NotificationPreferences.AsNoTracking()
                .Where(p => p.UserId == userId)
                .Select(p => new { p.Reminders, p.UnreadMessages, p.UpdatedAt })
                .SingleOrDefaultAsync(cancellationToken),
            UnreadMessageEmails = await db.UnreadMessageNotices.AsNoTracking()
                .Where(n => n.ReceiverId == userId)
                .OrderBy(n => n.SentAt)
                .Select(n => new { n.SenderId, n.NotifiedUpTo, n.SentAt })
                .ToListAsync(cancellationToken),

            // The emails sent to the address, without their bodies: those carry tokens, and the reader has them.
            Emails = await db.EmailOutbox.AsNoTracking()
                .Where(e => e.Recipient == user.Email)
                .OrderBy(e => e.CreatedAt)
                .Select(e => new { e.Id, e.Subject, e.Status, e.CreatedAt, e.SentAt })
                .ToListAsync(cancellationToken),
        };
    }
}
