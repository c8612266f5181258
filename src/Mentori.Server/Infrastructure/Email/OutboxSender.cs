using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Database;
using Mentori.Server.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mentori.Server.Infrastructure.Email;

/// <summary>
/// Delivers the rows of <c>email_outbox</c>: claims the due ones (a lease, so several instances never send one at the
/// same time), sends each, and marks it sent, or schedules its retry, or after the last attempt marks it failed.
/// A crash between sending and marking sends the email again when its lease runs out, with the same Message-ID.
/// </summary>
public sealed class OutboxSender(IOptions<EmailOptions> options, IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock,
    IServiceProvider services, MentoriMetrics metrics, ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>How often old rows are looked for: their age is counted in days, so once an hour is plenty.</summary>
    private static readonly TimeSpan ForgetInterval = TimeSpan.FromHours(1);

    private DateTime _nextForgetAt = DateTime.MinValue;
    private bool _sending;

    private OutboxOptions Outbox => options.Value.Outbox;

    /// <summary>
    /// Claims and sends the emails due now; the number claimed. Every update after the claim names the claim's lease
    /// (<c>locked_until</c> as claimed), so a sender whose lease ran out, and whose row another sender took, changes
    /// nothing; a row whose lease runs out before its turn in the batch is left to that other sender.
    /// </summary>
    public async Task<int> SendDueAsync(IEmailSender sender, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        await GiveUpAbandonedAsync(db, cancellationToken);
        await ForgetOldAsync(db, cancellationToken);
        var claimed = await ClaimAsync(db, cancellationToken);
        foreach (var email in claimed)
        {
            var lease = email.LockedUntil;
            var mine = db.EmailOutbox.Where(e => e.Id == email.Id && e.Status == OutboxEmailStatus.Queued && e.LockedUntil == lease);
            if (cancellationToken.IsCancellationRequested)
            {
                // Stopping: hand the rest back untried, for the next sender to take at once.
                await mine.ExecuteUpdateAsync(set => set.SetProperty(e => e.LockedUntil, (DateTime?)null)
                    .SetProperty(e => e.Attempts, e => e.Attempts - 1), CancellationToken.None);
                continue;
            }

            if (clock.StoredUtcNow() >= lease)
            {
                continue;
            }

            try
            {
                // Not cancelled by a stop: an email half handed over is worse than a shutdown a moment later.
                Volatile.Write(ref _sending, true);
                await sender.SendAsync(await MimeMessage.LoadAsync(new MemoryStream(email.Message), CancellationToken.None), CancellationToken.None);
                Volatile.Write(ref _sending, false);
                var now = clock.StoredUtcNow();

                // The message goes once sent: it may hold a single-use token, which email_tokens keeps only hashed.
                await mine.ExecuteUpdateAsync(set => set
                    .SetProperty(e => e.Status, OutboxEmailStatus.Sent).SetProperty(e => e.SentAt, now).SetProperty(e => e.Message, Array.Empty<byte>())
                    .SetProperty(e => e.LockedUntil, (DateTime?)null).SetProperty(e => e.LastError, (string?)null), CancellationToken.None);
                metrics.EmailsSent.Add(1);
            }
            catch (Exception exception)
            {
                Volatile.Write(ref _sending, false);
                metrics.EmailsFailed.Add(1);
                await ScheduleRetryAsync(mine, email, exception);
            }
        }

        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sender = string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
            ? (IEmailSender)ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(services)
            : ActivatorUtilities.CreateInstance<SmtpEmailSender>(services);
        await using var stopping = stoppingToken.Register(() =>
        {
            if (Volatile.Read(ref _sending))
            {
                logger.LogInformation("Stopping once the email being sent is handed over");
            }
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await SendDueAsync(sender, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Could not read the email outbox; trying again shortly");
            }

            if (claimed < Outbox.BatchSize)
            {
                // Real time, not the injected clock: a test's clock that stands still must not stop deliveries.
                await signal.WaitAsync(Outbox.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One statement takes a batch of due, unleased rows and leases them: PostgreSQL skips rows another sender has
    /// locked; SQLite runs one writer at a time, so the statement alone is enough.
    /// </summary>
    private const string ClaimSql = """
        UPDATE email_outbox SET locked_until = {0}, attempts = attempts + 1
        WHERE id IN (SELECT id FROM email_outbox
            WHERE status = 'queued' AND next_attempt_at <= {1} AND (locked_until IS NULL OR locked_until <= {1}) AND attempts < {3}
            ORDER BY next_attempt_at LIMIT {2} /* lock */)
        RETURNING *
        """;

    private async Task<List<OutboxEmail>> ClaimAsync(MentoriDb db, CancellationToken cancellationToken)
    {
        var now = clock.StoredUtcNow();
        var sql = db.Provider == DatabaseProvider.Postgres ? ClaimSql.Replace("/* lock */", "FOR UPDATE SKIP LOCKED", StringComparison.Ordinal) : ClaimSql;
        var claimed = await db.EmailOutbox.FromSqlRaw(sql,
            DatabaseValues.Parameter(db.Provider, "until", now + Outbox.LeaseTime),
            DatabaseValues.Parameter(db.Provider, "now", now),
            DatabaseValues.Parameter(db.Provider, "batch", Outbox.BatchSize),
            DatabaseValues.Parameter(db.Provider, "max_attempts", Outbox.MaxAttempts)).ToListAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return claimed;
    }

    private async Task ScheduleRetryAsync(IQueryable<OutboxEmail> mine, OutboxEmail email, Exception exception)
    {
        var failed = email.Attempts >= Outbox.MaxAttempts;
        var next = clock.StoredUtcNow() + RetryDelay(email.Attempts);
        var error = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
        await mine.ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Status, failed ? OutboxEmailStatus.Failed : OutboxEmailStatus.Queued)
            .SetProperty(e => e.NextAttemptAt, next)
            .SetProperty(e => e.LockedUntil, (DateTime?)null)
            .SetProperty(e => e.LastError, error), CancellationToken.None);

        // Neither body (single-use tokens), subject (people's names) nor the server's words (the refused address) are
        // logged; the error is kept with the email, for the admins' outbox page.
        var reason = exception is MailKit.Net.Smtp.SmtpCommandException smtp
            ? $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}"
            : exception.GetType().Name;
        logger.Log(failed ? LogLevel.Error : LogLevel.Warning,
            "Could not send email {EmailId} (attempt {Attempt} of {MaxAttempts}): {Reason}{Outcome}",
            email.Id, email.Attempts, Outbox.MaxAttempts, reason, failed ? "; it is marked failed" : "; it will be retried");
    }

    /// <summary>
    /// A row whose every attempt was claimed and never marked (its sender died each time, or hung past the lease)
    /// is failed here, so it is not retried forever.
    /// </summary>
    private async Task GiveUpAbandonedAsync(MentoriDb db, CancellationToken cancellationToken)
    {
        var now = clock.StoredUtcNow();
        await db.EmailOutbox
            .Where(e => e.Status == OutboxEmailStatus.Queued && e.Attempts >= Outbox.MaxAttempts && e.LockedUntil != null && e.LockedUntil <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, OutboxEmailStatus.Failed).SetProperty(e => e.LockedUntil, (DateTime?)null)
                .SetProperty(e => e.LastError, "Every attempt was claimed and never finished."), cancellationToken);
    }

    /// <summary>Deletes the sent and failed rows older than <see cref="OutboxOptions.Retention"/>; queued rows are kept however old.</summary>
    private async Task ForgetOldAsync(MentoriDb db, CancellationToken cancellationToken)
    {
        var now = clock.StoredUtcNow();
        if (now < _nextForgetAt)
        {
            return;
        }

        var before = now - Outbox.Retention;
        await db.EmailOutbox.Where(e => e.Status != OutboxEmailStatus.Queued && e.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        _nextForgetAt = now + ForgetInterval;
    }

    /// <summary>The wait after the <paramref name="attempt"/>th failure: doubling, capped, with up to half taken off at random.</summary>
    private TimeSpan RetryDelay(int attempt)
    {
        var doubled = Outbox.FirstRetryDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = doubled < Outbox.MaxRetryDelay ? doubled : Outbox.MaxRetryDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }
}
