using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Mentors;

/// <summary>
/// Keeps <c>response_summaries</c>: how each mentor answered the requests made to them over the last
/// <see cref="Window"/>. Counted are the decided requests, answered (accepted or declined by the mentor) or expired;
/// one still pending, or withdrawn by its mentee before an answer, is neither. The rate is answered ÷ counted from
/// <see cref="MinimumReceived"/> counted on, the median the minutes from request to answer. Every
/// <see cref="Interval"/> it computes again the rows the database marked stale and those whose oldest counted request
/// has left the window, so the directory reads them within a pass of a change.
/// </summary>
public sealed class ResponseSummaries(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ResponseSummaries> logger) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);
    public const int MinimumReceived = 3;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>The most rows one transaction computes; a pass goes on until none is due.</summary>
    public const int BatchSize = 500;

    /// <summary>Computes every row due now; the number computed.</summary>
    public async Task<int> RefreshDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int computed;
        do
        {
            computed = await RefreshBatchAsync(cancellationToken);
            total += computed;
        }
        while (computed == BatchSize);

        return total;
    }

    /// <summary>
    /// Marks stale the row of every mentor with a request: for data written without the triggers' events (inserted
    /// sessions are not decisions), such as generated data.
    /// </summary>
    public async Task MarkAllStaleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        await db.ResponseSummaries.Where(r => db.Sessions.Any(s => s.MentorId == r.UserId))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Stale, true), cancellationToken);
    }

    private async Task<int> RefreshBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        var now = clock.StoredUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await DueAsync(db, now, cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        // Cleared before the sessions are read, and locked until the commit: a request decided meanwhile marks the row
        // again once this commits, so it is computed again at the next pass.
        await db.ResponseSummaries.Where(r => ids.Contains(r.UserId)).ExecuteUpdateAsync(set => set.SetProperty(r => r.Stale, false), cancellationToken);
        var madeAfter = now - Window;
        var decided = (await db.Sessions.AsNoTracking()
                .Where(s => ids.Contains(s.MentorId) && s.CreatedAt > madeAfter && (s.AnsweredAt != null || s.DeclineReason == DeclineReason.Expired))
                .Select(s => new { s.MentorId, s.CreatedAt, s.AnsweredAt })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.MentorId, s => (s.CreatedAt, s.AnsweredAt));
        foreach (var summary in await db.ResponseSummaries.Where(r => ids.Contains(r.UserId)).ToListAsync(cancellationToken))
        {
            Compute(summary, decided[summary.UserId].ToList());
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    /// <summary>
    /// The rows to compute now, the first <see cref="BatchSize"/> by user. On PostgreSQL they are locked as they are
    /// picked, passing over any a writer holds (it is marking it stale: the next pass takes it), so a pass never waits
    /// for a row and cannot deadlock with a transaction that marks several mentors (a deleted mentee's sessions), and
    /// passes of several instances take different rows. SQLite runs one writer at a time.
    /// </summary>
    private static Task<List<Guid>> DueAsync(MentoriDb db, DateTime now, CancellationToken cancellationToken) =>
        (db.Provider == DatabaseProvider.Postgres
            ? db.ResponseSummaries.FromSql($"""
                SELECT * FROM response_summaries WHERE stale OR window_ends_at <= {now}
                ORDER BY user_id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            : db.ResponseSummaries.Where(r => r.Stale || r.WindowEndsAt <= now).OrderBy(r => r.UserId).Take(BatchSize))
        .AsNoTracking().Select(r => r.UserId).ToListAsync(cancellationToken);

    /// <summary>The figures of one mentor from their decided requests in the window.</summary>
    private static void Compute(ResponseSummary summary, List<(DateTime CreatedAt, DateTime? AnsweredAt)> decided)
    {
        var minutes = decided.Where(s => s.AnsweredAt is not null)
            .Select(s => Math.Max(0, (s.AnsweredAt!.Value - s.CreatedAt).TotalMinutes))
            .Order().ToList();
        summary.Received = decided.Count;
        summary.Answered = minutes.Count;
        summary.ResponseRate = decided.Count < MinimumReceived ? null : (double)minutes.Count / decided.Count;
        summary.MedianResponseMinutes = summary.ResponseRate is null || minutes.Count == 0 ? null : (int)Math.Round(Median(minutes), MidpointRounding.AwayFromZero);
        summary.WindowEndsAt = decided.Count == 0 ? null : decided.Min(s => s.CreatedAt) + Window;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>The first pass one interval after the start: nothing waits on it (the figures stay as they were meanwhile).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(clock, Interval, RefreshDueAsync,
        exception => logger.LogError(exception, "Computing the response summaries failed; trying again in {Interval}", Interval),
        stoppingToken);
}
