using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Notifications;

public sealed class NotificationService(MentoriDb db, TimeProvider clock)
{
    public async Task<NotificationSettings> GetAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        var stored = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return new NotificationSettings((stored ?? new NotificationPreferences()).Reminders);
    }

    /// <summary>Replaces the settings; every field is required, so a client never turns one off by leaving it out.</summary>
    public async Task<NotificationSettings> UpdateAsync(ClaimsPrincipal caller, NotificationSettings request, CancellationToken cancellationToken)
    {
        if (request.Reminders is not { } reminders)
        {
            throw ProblemException.Validation("reminders", "This field is required.");
        }

        var userId = caller.GetUserId();
        var stored = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (stored is null)
        {
            stored = new NotificationPreferences { UserId = userId };
            db.NotificationPreferences.Add(stored);
        }

        stored.Reminders = reminders;
        stored.UpdatedAt = clock.StoredUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Two first saves at once: the other one's row is there now; this one's choice replaces it.
            db.ChangeTracker.Clear();
            await db.NotificationPreferences.Where(p => p.UserId == userId)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.Reminders, reminders).SetProperty(p => p.UpdatedAt, clock.StoredUtcNow()), cancellationToken);
        }

        return new NotificationSettings(reminders);
    }
}
