using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Mentori.Server.Infrastructure.Hosting;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// Reminds both sides of an accepted session about a day before it starts. Every minute (by the injected clock)
/// it looks for accepted sessions starting within <see cref="Ahead"/> that have no reminder yet (session_reminders,
/// keyed by the session), and sends each once (<see cref="RecordedOnce"/>).
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

        // None for a session cancelled meanwhile: the email checks.
        var queued = await RecordedOnce.SendAsync(db, due, id => new SessionReminder { SessionId = id, SentAt = now }, emails.ReminderAsync,
            logger, "reminder", cancellationToken);
        scope.ServiceProvider.GetRequiredService<MentoriMetrics>().RemindersQueued.Add(queued, new KeyValuePair<string, object?>("kind", "session"));
        return queued;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(clock, Interval, SendDueAsync,
        exception => logger.LogError(exception, "Session reminders failed; trying again in {Interval}", Interval),
        stoppingToken, passFirst: true);
}
