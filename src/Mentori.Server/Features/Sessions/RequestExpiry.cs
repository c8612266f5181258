using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Features.Messages;
using Mentori.Server.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// Declines the requests whose mentor did not answer by their <see cref="RequestDeadline"/>, with
/// <c>declineReason: "expired"</c> and a line in the shared notes, and tells both sides by email. Every
/// <see cref="Interval"/> (by the injected clock) it finds the lapsed requests; each is declined by one conditional
/// UPDATE (still pending, still past its deadline) in a transaction with its emails. Of several instances, or of an
/// accept racing the expiry, exactly one changes the row; the others change nothing and send nothing.
/// </summary>
public sealed class RequestExpiry(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RequestExpiry> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>The most requests one pass declines; a backlog (after downtime) takes a few passes.</summary>
    public const int BatchSize = 500;

    public const string NotesLine = "Expired: the mentor did not answer in time";

    /// <summary>Declines the requests lapsed now; the number declined.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        var deadline = scope.ServiceProvider.GetRequiredService<RequestDeadline>();
        var now = clock.StoredUtcNow();
        // Two ranges of their own indexes, not one OR: PostgreSQL, unaware that pending requests are all recent, would
        // walk every session by its start to find none (0.6 s at a million sessions).
        var byAge = db.Sessions.AsNoTracking().Where(deadline.LapsedByAge(now)).OrderBy(s => s.CreatedAt).Take(BatchSize)
            .Select(s => new { s.Id, s.MentorId, s.MenteeId, s.ScheduledAt, s.Duration });
        var byStart = db.Sessions.AsNoTracking().Where(deadline.LapsedByStart(now)).OrderBy(s => s.ScheduledAt).Take(BatchSize)
            .Select(s => new { s.Id, s.MentorId, s.MenteeId, s.ScheduledAt, s.Duration });
        var due = (await byAge.Union(byStart).ToListAsync(cancellationToken)).OrderBy(s => s.ScheduledAt).Take(BatchSize).ToList();

        var expired = 0;
        foreach (var request in due)
        {
            try
            {
                var emails = scope.ServiceProvider.GetRequiredService<SessionEmails>();
                var alternatives = await emails.AlternativesAsync(request.MentorId, request.ScheduledAt, request.Duration, cancellationToken);
                if (await ExpireAsync(db, emails, deadline, request.Id, alternatives, now, cancellationToken))
                {
                    expired++;
                    var notifier = scope.ServiceProvider.GetRequiredService<ChatNotifier>();
                    var change = new SessionChanged(request.Id, SessionStatus.Declined);
                    await notifier.SessionChangedAsync(request.MentorId, change);
                    await notifier.SessionChangedAsync(request.MenteeId, change);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One request that cannot be written about must not keep the others pending.
                db.ChangeTracker.Clear();
                logger.LogError(exception, "Could not expire the request {SessionId}; trying again at the next pass", request.Id);
            }
        }

        scope.ServiceProvider.GetRequiredService<MentoriMetrics>().RequestsExpired.Add(expired);
        return expired;
    }

    private static async Task<bool> ExpireAsync(MentoriDb db, SessionEmails emails, RequestDeadline deadline, Guid id,
        IReadOnlyList<MentorSummary> alternatives, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Sessions.Where(s => s.Id == id).Where(deadline.Lapsed(now)).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.Status, SessionStatus.Declined)
            .SetProperty(s => s.DeclineReason, DeclineReason.Expired)
            .SetProperty(s => s.UpdatedAt, now)
            .SetProperty(s => s.Notes, s => s.Notes == null ? NotesLine : s.Notes + "\n" + NotesLine), cancellationToken);
        if (changed == 0)
        {
            return false; // answered, withdrawn or expired by another instance meanwhile
        }

        await emails.ExpiredAsync(id, alternatives);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(clock, Interval, ExpireDueAsync,
        exception => logger.LogError(exception, "Request expiry failed; trying again in {Interval}", Interval),
        stoppingToken, passFirst: true);
}
