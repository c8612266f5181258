using Mentori.Data.Entities;

namespace Mentori.Server.Features.Admin;

/// <summary>A user as admins see them: the account and the profile's name.</summary>
public sealed record AdminUserResponse(
    Guid Id, string Email, UserRole Role, bool IsActive, bool IsVerified, DateTime? LastLogin, DateTime CreatedAt, string? FirstName, string? LastName);

/// <summary>Who a user is, as the audit log names its admins and targets.</summary>
public sealed record AdminUserName(Guid Id, string Email, string? FirstName, string? LastName);

/// <summary><c>PATCH /admin/users/{id}</c>: only the fields sent change.</summary>
public sealed record UpdateUserRequest(bool? IsActive = null, bool? IsVerified = null, string? Role = null);

public sealed record AuditEntryResponse(Guid Id, Guid? AdminId, string Action, Guid? TargetUserId, string? Before, string? After, DateTime CreatedAt);

public sealed record WeekCount(DateOnly WeekStarting, int Count);

/// <summary><c>GET /admin/stats</c>.</summary>
public sealed record PlatformStats(
    IReadOnlyDictionary<string, int> UsersByRole,
    int ActiveUsers,
    int VerifiedUsers,
    IReadOnlyDictionary<string, int> SessionsByStatus,
    int MessagesLast7Days,
    double? AverageRating,
    IReadOnlyList<WeekCount> SignUpsPerWeek,
    DateTime? LastBackupAt,
    EmailOutboxHealth EmailOutbox);

/// <summary>Emails waiting to be sent (and since when the oldest), and those that failed every attempt.</summary>
public sealed record EmailOutboxHealth(int Queued, int Failed, DateTime? OldestQueuedAt);

/// <summary>An email of the outbox as admins see it (never its body: it may carry single-use tokens).</summary>
public sealed record OutboxEmailResponse(
    Guid Id, string Recipient, string Subject, OutboxEmailStatus Status, int Attempts, string? LastError, DateTime CreatedAt, DateTime? SentAt)
{
    public static readonly System.Linq.Expressions.Expression<Func<OutboxEmail, OutboxEmailResponse>> Projection = e =>
        new OutboxEmailResponse(e.Id, e.Recipient, e.Subject, e.Status, e.Attempts, e.LastError, e.CreatedAt, e.SentAt);
}
