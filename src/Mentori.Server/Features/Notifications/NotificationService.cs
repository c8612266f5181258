using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Notifications;

public sealed class NotificationService(MentoriDb db, TimeProvider clock)
{
    public async Task<NotificationSettings> GetAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        var stored = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return From(stored ?? new NotificationPreferences());
    }

    /// <summary>Replaces the settings; every field is required, so a client never turns one off by leaving it out.</summary>
    public async Task<NotificationSettings> UpdateAsync(ClaimsPrincipal caller, NotificationSettings request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.AddIf(request.Reminders is null, "reminders", "This field is required.");
        errors.AddIf(request.UnreadMessages is null, "unreadMessages", "This field is required.");
        errors.ThrowIfAny();
        var (reminders, unreadMessages) = (request.Reminders!.Value, request.UnreadMessages!.Value);

        var userId = caller.GetUserId();
        var stored = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (stored is null)
        {
            stored = new NotificationPreferences { UserId = userId };
            db.NotificationPreferences.Add(stored);
        }

        stored.Reminders = reminders;
        stored.UnreadMessages = unreadMessages;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Two first saves at once: the other one's row is there now; this one's choice replaces it.
            db.ChangeTracker.Clear();
            await db.NotificationPreferences.Where(p => p.UserId == userId).ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Reminders, reminders)
                .SetProperty(p => p.UnreadMessages, unreadMessages)
                .SetProperty(p => p.UpdatedAt, clock.StoredUtcNow()), cancellationToken);
        }

        return From(stored);
    }

    private static NotificationSettings From(NotificationPreferences stored) => new(stored.Reminders, stored.UnreadMessages);
}
