using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Mentori.Server.Infrastructure.Hosting;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// Reminds both sides of an accepted session about a day before it starts. Every minute (by the injected clock)
/// it looks for accepted sessions starting within <see cref="Ahead"/> that have no reminder yet. For each it first
/// records the reminder (session_reminders, keyed by the session) and only then sends: of several instances, or
/// one instance before and after a restart, only the one whose record commits sends. A crash between the two
/// loses that reminder rather than sending it twice.
/// </summary>
public sealed class SessionReminders(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionReminders> logger) : BackgroundService
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Sends the reminders due now; the number sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        var emails = scope.ServiceProvider.GetRequiredService<SessionEmails>();
        var now = clock.StoredUtcNow();
        var horizon = now + Ahead;
        var due = await db.Sessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Accepted && s.ScheduledAt > now && s.ScheduledAt <= horizon
                && !db.SessionReminders.Any(r => r.SessionId == s.Id))
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var sessionId in due)
        {
            db.SessionReminders.Add(new SessionReminder { SessionId = sessionId, SentAt = now });
            try
            {
                await emails.ReminderAsync(sessionId); // queued with the record of it; none for a session cancelled meanwhile
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception) || DatabaseErrors.IsForeignKeyViolation(exception))
            {
                db.ChangeTracker.Clear();
                continue; // another instance recorded it first, or the session is gone
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One session that cannot be written about must not keep the others' reminders from going out.
                db.ChangeTracker.Clear();
                logger.LogError(exception, "Could not queue the reminder of session {SessionId}; trying again at the next pass", sessionId);
                continue;
            }

            sent++;
        }

        return sent;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(clock, Interval, SendDueAsync,
        exception => logger.LogError(exception, "Session reminders failed; trying again in {Interval}", Interval),
        stoppingToken, passFirst: true);
}
