using System.Security.Claims;
using System.Text.Json;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Accounts;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Database;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Admin;

/// <summary>
/// Running the platform (api.md, "Administration"): finding users, deactivating, verifying and changing roles, the
/// statistics, and the audit log every change writes in the same transaction.
/// </summary>
public sealed class AdminService(MentoriDb db, TimeProvider clock, SignInService signIn, UserStatusCache statuses, OutboxAdmin outbox)
{
    public const int MaxSearchLength = 200;

    public const string RoleWords = "The role is mentee, mentor or admin.";

    public async Task<Page<AdminUserResponse>> UsersAsync(string? q, string? role, bool? isActive, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var wantedRole = role is null ? null : ParseRole(errors, role);
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim().ToLowerInvariant();
        errors.AddIf(text?.Length > MaxSearchLength, "q", $"At most {MaxSearchLength} characters.");
        errors.AddIf(text is not null && text.Any(char.IsControl), "q", "Control characters are not allowed.");
        var page = PageRequest.From(errors, limit, cursor, TimeKey.Parser("users"));
        errors.ThrowIfAny();

        var users = db.Users.NewestFirst(u => u.CreatedAt, page.After);
        if (wantedRole is { } r)
        {
            users = users.Where(u => u.Role == r);
        }

        if (isActive is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }

        if (text is not null)
        {
            // An expression for the database, where ToLower is SQL's lower(); emails are stored lower-case.
#pragma warning disable CA1304, CA1311, CA1862
            users = users.Where(u => u.Email.Contains(text)
                || (u.Profile != null && (u.Profile.FirstName.ToLower().Contains(text) || u.Profile.LastName.ToLower().Contains(text))));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var rows = await users.AsNoTracking().Take(page.FetchCount).Select(AsResponse).ToListAsync(cancellationToken);
        return page.ToPage(rows, row => row, row => new TimeKey(row.CreatedAt, row.Id).ToParts("users"));
    }

    /// <summary>One user as the list shows them; 404 for an unknown id.</summary>
    public async Task<AdminUserResponse> UserAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == id).Select(AsResponse).SingleOrDefaultAsync(cancellationToken)
        ?? throw ProblemException.NotFound("There is no user with this id.");

    /// <summary>The email and names of each of these users that still exists (to name the people of the audit log).</summary>
    public async Task<Dictionary<Guid, AdminUserName>> NamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await Names(db.Users.Where(u => wanted.Contains(u.Id))).ToDictionaryAsync(u => u.Id, cancellationToken);
    }

    private static IQueryable<AdminUserName> Names(IQueryable<User> users) => users.AsNoTracking()
        .Select(u => new AdminUserName(u.Id, u.Email, u.Profile == null ? null : u.Profile.FirstName, u.Profile == null ? null : u.Profile.LastName));

    /// <summary>The refusal of an admin's own deactivation or demotion (also what the web UI says in place of those actions).</summary>
    public static ProblemException SelfChangeRefused() =>
        ProblemException.Conflict(ProblemTypes.SelfChange, "You cannot deactivate or demote yourself", "Ask another admin.");

    /// <summary>
    /// Changes what was sent. An admin cannot deactivate or demote itself, and the last active admin cannot be
    /// demoted or deactivated (both 409). Deactivation and role changes end the user's sign-ins at once (refresh tokens revoked; access
    /// tokens fail within <see cref="UserStatusCache.MaxAge"/> on other instances, at once on this one).
    /// </summary>
    public async Task<AdminUserResponse> UpdateUserAsync(ClaimsPrincipal caller, Guid id, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        var errors = new ValidationErrors();
        var newRole = request.Role is null ? (UserRole?)null : ParseRole(errors, request.Role);
        errors.AddIf(request is { IsActive: null, IsVerified: null, Role: null }, "body", "Send isActive, isVerified or role.");
        errors.ThrowIfAny();
        if (id == me && (request.IsActive == false || (newRole is { } demoted && demoted != UserRole.Admin)))
        {
            throw SelfChangeRefused();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockAdminsAsync(cancellationToken);

        // Under the lock, the caller must still be an active admin: another admin may have just demoted or
        // deactivated them, and their token is only re-checked within UserStatusCache.MaxAge.
        if (!await db.Users.AnyAsync(u => u.Id == me && u.Role == UserRole.Admin && u.IsActive, cancellationToken))
        {
            throw ProblemException.Forbidden(ProblemTypes.WrongRole, "Only admins may do this", "You are no longer an active admin.");
        }

        var user = await db.Users.Include(u => u.Profile).SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound("There is no user with this id.");
        var before = Snapshot(user);
        var losesAdmin = user.Role == UserRole.Admin && user.IsActive
            && ((newRole is { } role && role != UserRole.Admin) || request.IsActive == false);
        if (losesAdmin)
        {
            await ThrowIfLastAdminAsync(db, id, cancellationToken);
        }

        var endSignIns = (request.IsActive == false && user.IsActive) || (newRole is { } changed && changed != user.Role);
        user.IsActive = request.IsActive ?? user.IsActive;
        user.IsVerified = request.IsVerified ?? user.IsVerified;
        user.Role = newRole ?? user.Role;
        db.AdminAudit.Add(new AdminAuditEntry
        {
            AdminId = me, Action = "user.update", TargetUserId = id, Before = before, After = Snapshot(user),
        });
        await db.SaveChangesAsync(cancellationToken);
        if (endSignIns)
        {
            await signIn.RevokeAllAsync(id, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        signIn.AnnounceEndings();
        statuses.Forget(id);
        return ToResponse(user);
    }

    /// <summary>409 when <paramref name="adminId"/> is the only active admin; call it under <see cref="DatabaseLocks.LockAdminsAsync"/>.</summary>
    public static async Task ThrowIfLastAdminAsync(MentoriDb db, Guid adminId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Role == UserRole.Admin && u.IsActive && u.Id != adminId, cancellationToken))
        {
            throw ProblemException.Conflict(ProblemTypes.LastAdmin, "The last active admin must stay",
                "Make another user an admin first.");
        }
    }

    public async Task<PlatformStats> StatsAsync(CancellationToken cancellationToken)
    {
        var now = clock.StoredUtcNow();
        var byRole = await db.Users.GroupBy(u => u.Role).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var active = await db.Users.CountAsync(u => u.IsActive, cancellationToken);
        var verified = await db.Users.CountAsync(u => u.IsVerified, cancellationToken);
        var byStatus = await db.Sessions.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var weekAgo = now.AddDays(-7);
        var messages = await db.Messages.CountAsync(m => m.CreatedAt >= weekAgo, cancellationToken);
        var ratings = await db.RatingSummaries.GroupBy(_ => 1)
            .Select(g => new { Sum = g.Sum(s => s.RatingSum), Count = g.Sum(s => s.RatingCount) }).SingleOrDefaultAsync(cancellationToken);

        // Weeks start on Monday (UTC); the current week is the last of the twelve.
        var thisWeek = DateOnly.FromDateTime(now).AddDays(-(((int)now.DayOfWeek + 6) % 7));
        var firstWeek = thisWeek.AddDays(-7 * 11);
        var since = firstWeek.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var signUps = await db.Users.Where(u => u.CreatedAt >= since).Select(u => u.CreatedAt).ToListAsync(cancellationToken);
        var lastBackup = await db.BackupRuns.Where(r => r.Verified).MaxAsync(r => r.FinishedAt, cancellationToken);
        var weeks = Enumerable.Range(0, 12).Select(i => firstWeek.AddDays(7 * i))
            .Select(week => new WeekCount(week, signUps.Count(t => DateOnly.FromDateTime(t) >= week && DateOnly.FromDateTime(t) < week.AddDays(7))))
            .ToList();

        return new PlatformStats(
            Enum.GetValues<UserRole>().ToDictionary(r => MentoriClaims.RoleName(r), r => byRole.FirstOrDefault(x => x.Key == r)?.Count ?? 0),
            active, verified,
            Enum.GetValues<SessionStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), s => byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0),
            messages,
            ratings is { Count: > 0 } ? Math.Round((double)ratings.Sum / ratings.Count, 2, MidpointRounding.AwayFromZero) : null,
            weeks,
            lastBackup,
            await outbox.HealthAsync(cancellationToken));
    }

    /// <summary>The audit log, newest first; <paramref name="adminId"/> and <paramref name="targetUserId"/> narrow it to one admin's actions or one user's changes.</summary>
    public async Task<Page<AuditEntryResponse>> AuditAsync(Guid? adminId, Guid? targetUserId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.From(errors, limit, cursor, TimeKey.Parser("audit"));
        errors.ThrowIfAny();
        var entries = db.AdminAudit.NewestFirst(a => a.CreatedAt, page.After);
        if (adminId is { } admin)
        {
            entries = entries.Where(a => a.AdminId == admin);
        }

        if (targetUserId is { } target)
        {
            entries = entries.Where(a => a.TargetUserId == target);
        }

        var rows = await entries.AsNoTracking().Take(page.FetchCount)
            .Select(a => new AuditEntryResponse(a.Id, a.AdminId, a.Action, a.TargetUserId, a.Before, a.After, a.CreatedAt))
            .ToListAsync(cancellationToken);
        return page.ToPage(rows, row => row, row => new TimeKey(row.CreatedAt, row.Id).ToParts("audit"));
    }

    /// <summary>The users who have acted as admins, by the audit log (also those since demoted), for its filter.</summary>
    public async Task<List<AdminUserName>> AuditAdminsAsync(CancellationToken cancellationToken) =>
        await Names(db.Users.Where(u => db.AdminAudit.Any(a => a.AdminId == u.Id)).OrderBy(u => u.Email)).ToListAsync(cancellationToken);

    private static UserRole? ParseRole(ValidationErrors errors, string role)
    {
        var parsed = EnumWord.Parse<UserRole>(role);
        errors.AddIf(parsed is null, "role", RoleWords);
        return parsed;
    }

    private static readonly System.Linq.Expressions.Expression<Func<User, AdminUserResponse>> AsResponse = u =>
        new AdminUserResponse(u.Id, u.Email, u.Role, u.IsActive, u.IsVerified, u.LastLogin, u.CreatedAt,
            u.Profile == null ? null : u.Profile.FirstName, u.Profile == null ? null : u.Profile.LastName);

    private static readonly Func<User, AdminUserResponse> ToResponse = AsResponse.Compile();

    private static string Snapshot(User user) =>
        JsonSerializer.Serialize(new { isActive = user.IsActive, isVerified = user.IsVerified, role = MentoriClaims.RoleName(user.Role) });
}
