using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// Reminds a mentor, once, of a request that has waited <see cref="SessionRequestOptions.RemindAfter"/> (24 hours)
/// without an answer and has not expired. Every minute (by the injected clock) it finds such requests with no
/// <c>request_reminders</c> row, and sends each once (<see cref="RecordedOnce"/>).
/// </summary>
public sealed class RequestReminders(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RequestReminders> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Queues the reminders due now; the number queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        var deadline = scope.ServiceProvider.GetRequiredService<RequestDeadline>();
        var emails = scope.ServiceProvider.GetRequiredService<SessionEmails>();
        var now = clock.StoredUtcNow();
        var due = await db.Sessions.AsNoTracking()
            .Where(deadline.WaitedLong(now)).Where(deadline.Open(now))
            .Where(s => !db.RequestReminders.Any(r => r.SessionId == s.Id))
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);

        var queued = await RecordedOnce.SendAsync(db, due, id => new RequestReminder { SessionId = id, SentAt = now }, emails.AnswerReminderAsync,
            logger, "answer reminder", cancellationToken);
        scope.ServiceProvider.GetRequiredService<MentoriMetrics>().RemindersQueued.Add(queued, new KeyValuePair<string, object?>("kind", "answer"));
        return queued;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(clock, Interval, SendDueAsync,
        exception => logger.LogError(exception, "Request reminders failed; trying again in {Interval}", Interval),
        stoppingToken, passFirst: true);
}
