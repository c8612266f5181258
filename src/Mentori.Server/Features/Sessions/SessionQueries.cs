using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Database;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Sessions;

/// <summary>Reading sessions: a participant's list (every session for an admin who asks), and one session.</summary>
public sealed class SessionQueries(MentoriDb db)
{
    /// <summary>
    /// The caller's sessions, newest start first, paged by <c>(scheduled_at, id)</c>. Filters: <paramref name="status"/>,
    /// and a start within <c>[from, to)</c>. <paramref name="all"/> is for admins only.
    /// </summary>
    public async Task<Page<SessionResponse>> ListAsync(ClaimsPrincipal caller, string? status, DateTimeOffset? from, DateTimeOffset? to,
        bool? all, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        SessionStatus? wanted = null;
        if (status is not null)
        {
            wanted = EnumWord.Parse<SessionStatus>(status);
            errors.AddIf(wanted is null, "status", "The status is pending, accepted, declined, completed or cancelled.");
        }

        return await ListAsync(caller, errors, wanted is { } only ? [only] : null, from, to, all, limit, cursor, cancellationToken);
    }

    /// <summary>The caller's sessions in any of <paramref name="statuses"/> (the web UI's lists), paged as above.</summary>
    public Task<Page<SessionResponse>> ListAsync(ClaimsPrincipal caller, IReadOnlyCollection<SessionStatus> statuses, int? limit, string? cursor,
        CancellationToken cancellationToken) =>
        ListAsync(caller, new ValidationErrors(), statuses, null, null, null, limit, cursor, cancellationToken);

    /// <summary>Every session a user takes part in, paged as above: the admin console's view of one user.</summary>
    public Task<Page<SessionResponse>> OfUserAsync(Guid userId, int? limit, string? cursor, CancellationToken cancellationToken) =>
        ListAsync(new ValidationErrors(), userId, null, null, null, null, limit, cursor, cancellationToken);

    private Task<Page<SessionResponse>> ListAsync(ClaimsPrincipal caller, ValidationErrors errors, IReadOnlyCollection<SessionStatus>? statuses,
        DateTimeOffset? from, DateTimeOffset? to, bool? all, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var refusal = all == true && caller.GetRole() != UserRole.Admin
            ? ProblemException.Forbidden(ProblemTypes.WrongRole, "Only admins see every session", "Leave out all=true to see your own sessions.")
            : null;

        // By participation, not by the token's role: a user whose role changed keeps the sessions they had.
        return ListAsync(errors, all == true ? null : caller.GetUserId(), refusal, statuses, from, to, limit, cursor, cancellationToken);
    }

    /// <summary>
    /// The sessions <paramref name="participant"/> takes part in (every session when null), newest start first;
    /// <paramref name="refusal"/> is thrown once the input is found valid.
    /// </summary>
    private async Task<Page<SessionResponse>> ListAsync(ValidationErrors errors, Guid? participant, ProblemException? refusal,
        IReadOnlyCollection<SessionStatus>? statuses, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        errors.AddIf(from is not null && to is not null && to <= from, "to", "The end must be after the start.");
        var page = PageRequest.From(errors, limit, cursor, TimeKey.Parser("sessions"));
        errors.ThrowIfAny();
        if (refusal is not null)
        {
            throw refusal;
        }

        var sessions = db.Sessions.NewestFirst(s => s.ScheduledAt, page.After);
        if (participant is { } user)
        {
            sessions = sessions.Where(s => s.MentorId == user || s.MenteeId == user);
        }

        if (statuses is { Count: 1 })
        {
            var only = statuses.First();
            sessions = sessions.Where(s => s.Status == only);
        }
        else if (statuses is not null)
        {
            sessions = sessions.Where(s => statuses.Contains(s.Status));
        }

        if (from is { } start)
        {
            sessions = sessions.Where(s => s.ScheduledAt >= start.UtcDateTime);
        }

        if (to is { } end)
        {
            sessions = sessions.Where(s => s.ScheduledAt < end.UtcDateTime);
        }

        var rows = await Project(sessions.Take(page.FetchCount))
            .ToListAsync(cancellationToken);
        return page.ToPage(rows, row => row, row => new TimeKey(row.ScheduledAt, row.Id).ToParts("sessions"));
    }

    /// <summary>One session for a participant or an admin; 404 for anyone else, as for an unknown id.</summary>
    public async Task<SessionResponse> GetAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        var admin = caller.GetRole() == UserRole.Admin;
        return await Project(db.Sessions.Where(s => s.Id == id && (admin || s.MentorId == me || s.MenteeId == me)))
            .SingleOrDefaultAsync(cancellationToken) ?? throw NotFound();
    }

    public static ProblemException NotFound() =>
        ProblemException.NotFound("There is no session with this id that you take part in.");

    public IQueryable<SessionResponse> Project(IQueryable<Session> sessions) =>
        sessions.AsNoTracking().Select(s => new SessionResponse(
            s.Id, s.Status, s.DeclineReason, s.ScheduledAt, s.Duration, s.MeetingLink, s.Notes, s.MenteeNotes, s.MentorNotes,
            new UserSummary(s.MentorId, s.Mentor.Profile!.FirstName, s.Mentor.Profile.LastName, s.Mentor.Profile.ProfileImage),
            new UserSummary(s.MenteeId, s.Mentee.Profile!.FirstName, s.Mentee.Profile.LastName, s.Mentee.Profile.ProfileImage),
            s.CreatedAt, s.UpdatedAt));
}
