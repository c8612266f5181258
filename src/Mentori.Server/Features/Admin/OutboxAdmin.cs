using System.Security.Claims;
using System.Text.Json;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Database;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Admin;

/// <summary>The email outbox as admins see it: its health, its emails by status, and a second chance for a failed one.</summary>
public sealed class OutboxAdmin(MentoriDb db, TimeProvider clock)
{
    private const string ListName = "emails";

    public async Task<EmailOutboxHealth> HealthAsync(CancellationToken cancellationToken)
    {
        var queued = db.EmailOutbox.Where(e => e.Status == OutboxEmailStatus.Queued);
        return new EmailOutboxHealth(
            await queued.CountAsync(cancellationToken),
            await db.EmailOutbox.CountAsync(e => e.Status == OutboxEmailStatus.Failed, cancellationToken),
            await queued.MinAsync(e => (DateTime?)e.CreatedAt, cancellationToken));
    }

    public async Task<Page<OutboxEmailResponse>> ListAsync(string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        OutboxEmailStatus? wanted = null;
        if (status is not null)
        {
            wanted = EnumWord.Parse<OutboxEmailStatus>(status);
            errors.AddIf(wanted is null, "status", "The status is queued, sent or failed.");
        }

        var page = PageRequest.From(errors, limit, cursor, TimeKey.Parser(ListName));
        errors.ThrowIfAny();
        var emails = db.EmailOutbox.NewestFirst(e => e.CreatedAt, page.After).AsNoTracking();
        if (wanted is { } only)
        {
            emails = emails.Where(e => e.Status == only);
        }

        var rows = await emails.Take(page.FetchCount).Select(OutboxEmailResponse.Projection).ToListAsync(cancellationToken);
        return page.ToPage(rows, row => row, row => new TimeKey(row.CreatedAt, row.Id).ToParts(ListName));
    }

    /// <summary>Queues a failed email again, with all its attempts ahead of it; audited. 409 for an email that has not failed.</summary>
    public async Task<OutboxEmailResponse> RetryAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
    {
        var now = clock.StoredUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var retried = await db.EmailOutbox.Where(e => e.Id == id && e.Status == OutboxEmailStatus.Failed).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Status, OutboxEmailStatus.Queued).SetProperty(e => e.Attempts, 0)
            .SetProperty(e => e.NextAttemptAt, now).SetProperty(e => e.LockedUntil, (DateTime?)null), cancellationToken);
        var email = await db.EmailOutbox.AsNoTracking().Where(e => e.Id == id).Select(OutboxEmailResponse.Projection).SingleOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.NotFound("There is no email with this id.");
        if (retried == 0)
        {
            throw ProblemException.Conflict(ProblemTypes.EmailNotFailed, "Only a failed email can be retried",
                $"This email is {email.Status.ToString().ToLowerInvariant()}.");
        }

        db.AdminAudit.Add(new AdminAuditEntry
        {
            AdminId = caller.GetUserId(), Action = "email.retry",
            Before = JsonSerializer.Serialize(new { emailId = id, status = "failed" }),
            After = JsonSerializer.Serialize(new { emailId = id, status = "queued" }),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return email;
    }
}
