using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Messages;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Idempotency;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// A session's life (decision 5): a mentee requests it; its mentor accepts or declines; either side cancels an
/// accepted session, a mentee withdraws a pending one; the mentor completes it once it has started. Every status
/// change is one conditional UPDATE, so of two changes that arrive together one wins and the other gets 409; an
/// accept also passes the database's own guard against overlapping accepted sessions (decision 6). Once committed,
/// the other party's open pages hear of it over the hub (<c>sessionChanged</c>). A request past its
/// <see cref="RequestDeadline"/> is no longer pending for any of them, even before <see cref="RequestExpiry"/> has
/// declined it.
/// </summary>
public sealed class SessionService(MentoriDb db, TimeProvider clock, VerifiedEmailRule verified, SessionQueries queries, SessionEmails emails,
    ChatNotifier notifier, RequestDeadline deadline)
{
    public async Task<Written<SessionResponse>> RequestAsync(ClaimsPrincipal caller, RequestSessionRequest request, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        if (caller.GetRole() != UserRole.Mentee)
        {
            throw ProblemException.Forbidden(ProblemTypes.WrongRole, "Only mentees request sessions", "Mentors accept or decline the requests they receive.");
        }

        await verified.EnsureAsync(me, cancellationToken);

        // A request sent again is answered before its checks: its start may be nearer now, and it overlaps itself.
        if (await StoredRequestAsync(caller, request, cancellationToken) is { } before)
        {
            return before;
        }

        var now = clock.StoredUtcNow();
        var (start, duration, notes) = CheckRequest(request, now, deadline);

        var mentorId = request.MentorId!.Value;
        var end = SessionRules.EndOf(start, duration);
        var mentor = await MentorDirectory.ListedMentorProfiles(db)
            .Where(p => p.UserId == mentorId)
            .Select(p => new { p.Availability, p.Timezone })
            .SingleOrDefaultAsync(cancellationToken) ?? throw MentorDirectory.NotAMentor();
        var week = new WeeklyAvailability(mentor.Availability ?? [], WeeklyAvailability.ZoneOf(mentor.Timezone));
        if (!week.IsEmpty && !week.Covers(start, end))
        {
            throw ProblemException.Validation("scheduledAt",
                "The session must lie wholly inside the mentor's weekly availability (GET /mentors/{id}/slots lists free times).");
        }

        var session = new Session
        {
            Id = request.Id ?? Guid.CreateVersion7(), MentorId = mentorId, MenteeId = me, Status = SessionStatus.Pending, ScheduledAt = start, Duration = duration, MenteeNotes = notes,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The mentee's own requests must not overlap, and the mentor's accepted sessions must be read as they are:
            // requests and accepts queue here (always mentor first, then mentee, so they cannot deadlock).
            await db.LockMentorScheduleAsync(mentorId, cancellationToken);
            await db.LockMenteeScheduleAsync(me, cancellationToken);
            if (await StoredRequestAsync(caller, request, cancellationToken) is { } meanwhile)
            {
                return meanwhile; // the same request, sent twice at once, was stored by the other
            }

            var earliest = start.AddMinutes(-SessionRules.MaxDuration);
            var near = db.Sessions.AsNoTracking().Where(s => s.ScheduledAt < end && s.ScheduledAt > earliest);
            var nearby = await near
                .Where(s => (s.MentorId == mentorId || s.MenteeId == me) && s.Status == SessionStatus.Accepted)
                .Concat(near.Where(s => s.MenteeId == me && s.Status == SessionStatus.Pending).Where(deadline.Open(now)))
                .Select(s => new { s.MenteeId, s.ScheduledAt, s.Duration })
                .ToListAsync(cancellationToken);
            var clash = nearby.FirstOrDefault(s => SessionRules.Overlaps(start, end, s.ScheduledAt, SessionRules.EndOf(s.ScheduledAt, s.Duration)));
            if (clash is not null)
            {
                throw Overlap(clash.MenteeId == me
                    ? "You already have a pending or accepted session at that time."
                    : "The mentor already has an accepted session at that time.");
            }

            db.Sessions.Add(session);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsForeignKeyViolation(exception))
            {
                throw MentorDirectory.NotAMentor(); // the mentor's account was deleted meanwhile
            }
            catch (DbUpdateException exception) when (request.Id is not null && DatabaseErrors.IsUniqueViolation(exception))
            {
                throw ClientId.InUse(); // another mentee's request took the id meanwhile
            }

            await emails.RequestedAsync(session.Id);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await notifier.SessionChangedAsync(mentorId, new SessionChanged(session.Id, SessionStatus.Pending));
        return new Written<SessionResponse>(await queries.GetAsync(caller, session.Id, cancellationToken), WasStoredBefore: false);
    }

    /// <summary>
    /// The session stored under the request's id, as it is now, when it is the same request: the caller's, with the same
    /// mentor, start and length (the notes are not compared: the mentee may have edited them since). Another under that
    /// id is 409.
    /// </summary>
    private async Task<Written<SessionResponse>?> StoredRequestAsync(ClaimsPrincipal caller, RequestSessionRequest request, CancellationToken cancellationToken)
    {
        if (request.Id is not { } id || !ClientId.IsValid(id)
            || await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } stored)
        {
            return null;
        }

        var same = stored.MenteeId == caller.GetUserId() && stored.MentorId == request.MentorId
            && stored.ScheduledAt == request.ScheduledAt?.UtcDateTime && stored.Duration == (request.Duration ?? SessionRules.DefaultDuration);
        return same ? new Written<SessionResponse>(await queries.GetAsync(caller, id, cancellationToken), WasStoredBefore: true) : throw ClientId.InUse();
    }

    /// <summary>
    /// The checks of a request's own fields (the mentor's availability and the calendars come after): its start, length
    /// and notes as the request will store them, or a validation problem naming every field that is wrong. A start
    /// too near for the mentor to answer by the request's deadline is refused.
    /// </summary>
    public static (DateTime Start, int Duration, string? Notes) CheckRequest(RequestSessionRequest request, DateTime now, RequestDeadline deadline)
    {
        var errors = new ValidationErrors();
        ClientId.Check(errors, request.Id);
        errors.AddIf(request.MentorId is null, "mentorId", "This field is required.");
        var start = request.ScheduledAt?.UtcDateTime;
        errors.AddIf(start is null, "scheduledAt", "This field is required.");
        errors.AddIf(start <= now, "scheduledAt", "The start must be in the future.");
        errors.AddIf(start > now && !deadline.IsOpen(now, start.Value, now), "scheduledAt",
            $"The start must be at least {deadline.AnswerBeforeStartText} from now, so that the mentor has time to answer.");
        errors.AddIf(start?.Year > 9000, "scheduledAt", "The start is too far in the future.");
        errors.AddIf(start?.Ticks % TimeSpan.TicksPerMinute != 0, "scheduledAt", "The start is a whole minute (no seconds).");
        var duration = request.Duration ?? SessionRules.DefaultDuration;
        if (SessionRules.DurationProblem(duration) is { } durationProblem)
        {
            errors.Add("duration", durationProblem);
        }

        var notes = FreeText.Optional(errors, "menteeNotes", request.MenteeNotes, SessionRules.MaxNotesLength);
        errors.ThrowIfAny();
        return (start!.Value, duration, notes);
    }

    public async Task<SessionResponse> AcceptAsync(ClaimsPrincipal caller, Guid id, AcceptSessionRequest? request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var link = FreeText.HttpUrl(errors, "meetingLink", request?.MeetingLink, SessionRules.MaxMeetingLinkLength);
        errors.ThrowIfAny();
        await verified.EnsureAsync(caller.GetUserId(), cancellationToken);
        return await ChangeAsync(caller, id, SessionTransition.Accept, set => set.SetProperty(s => s.MeetingLink, link),
            _ => emails.AcceptedAsync(id), cancellationToken);
    }

    public async Task<SessionResponse> DeclineAsync(ClaimsPrincipal caller, Guid id, SessionReasonRequest? request, CancellationToken cancellationToken)
    {
        var reason = Reason(request);
        var notes = AppendToNotes("Declined by the mentor", reason);
        return await ChangeAsync(caller, id, SessionTransition.Decline, set =>
            {
                set.SetProperty(s => s.DeclineReason, DeclineReason.Mentor);
                notes?.Invoke(set);
            },
            _ => emails.DeclinedAsync(id, reason), cancellationToken);
    }

    public async Task<SessionResponse> CancelAsync(ClaimsPrincipal caller, Guid id, SessionReasonRequest? request, CancellationToken cancellationToken)
    {
        var reason = Reason(request);
        var by = await SideOfAsync(caller, id, cancellationToken) == UserRole.Mentor ? "mentor" : "mentee";
        return await ChangeAsync(caller, id, SessionTransition.Cancel, AppendToNotes($"Cancelled by the {by}", reason),
            was => emails.CancelledAsync(id, caller.GetUserId(), reason, wasAccepted: was == SessionStatus.Accepted), cancellationToken);
    }

    public async Task<SessionResponse> CompleteAsync(ClaimsPrincipal caller, Guid id, CompleteSessionRequest? request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var notes = FreeText.Optional(errors, "mentorNotes", request?.MentorNotes, SessionRules.MaxNotesLength);
        errors.ThrowIfAny();
        return await ChangeAsync(caller, id, SessionTransition.Complete,
            notes is null ? null : set => set.SetProperty(s => s.MentorNotes, notes), tell: null, cancellationToken);
    }

    /// <summary>Each side writes its own notes and the shared ones; a field left out stays, an empty one is cleared.</summary>
    public async Task<SessionResponse> UpdateNotesAsync(ClaimsPrincipal caller, Guid id, SessionNotesRequest request, CancellationToken cancellationToken)
    {
        var side = await SideOfAsync(caller, id, cancellationToken);
        var errors = new ValidationErrors();
        errors.AddIf(request.MenteeNotes is not null && side != UserRole.Mentee, "menteeNotes", "Only the mentee writes the mentee's notes.");
        errors.AddIf(request.MentorNotes is not null && side != UserRole.Mentor, "mentorNotes", "Only the mentor writes the mentor's notes.");
        errors.AddIf(request is { Notes: null, MenteeNotes: null, MentorNotes: null }, "notes", "Send notes, or your own menteeNotes or mentorNotes.");
        var notes = FreeText.Optional(errors, "notes", request.Notes, SessionRules.MaxNotesLength);
        var menteeNotes = FreeText.Optional(errors, "menteeNotes", request.MenteeNotes, SessionRules.MaxNotesLength);
        var mentorNotes = FreeText.Optional(errors, "mentorNotes", request.MentorNotes, SessionRules.MaxNotesLength);
        errors.ThrowIfAny();

        var now = clock.StoredUtcNow();
        await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(set =>
        {
            set.SetProperty(s => s.UpdatedAt, now);
            if (request.Notes is not null)
            {
                set.SetProperty(s => s.Notes, notes);
            }

            if (request.MenteeNotes is not null)
            {
                set.SetProperty(s => s.MenteeNotes, menteeNotes);
            }

            if (request.MentorNotes is not null)
            {
                set.SetProperty(s => s.MentorNotes, mentorNotes);
            }
        }, cancellationToken);
        return await queries.GetAsync(caller, id, cancellationToken);
    }

    /// <summary>
    /// The caller's side of the session: 404 when the caller takes no part (admins included, who may read but not
    /// act), as for an unknown id.
    /// </summary>
    public async Task<UserRole> SideOfAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        var parties = await db.Sessions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.MentorId, s.MenteeId })
            .SingleOrDefaultAsync(cancellationToken);
        return parties?.MentorId == me ? UserRole.Mentor
            : parties?.MenteeId == me ? UserRole.Mentee
            : throw SessionQueries.NotFound();
    }

    private async Task<SessionResponse> ChangeAsync(ClaimsPrincipal caller, Guid id, SessionTransition transition,
        Action<UpdateSettersBuilder<Session>>? alsoSet, Func<SessionStatus, Task>? tell, CancellationToken cancellationToken)
    {
        var side = await SideOfAsync(caller, id, cancellationToken);
        if (!transition.From.TryGetValue(side, out var from))
        {
            throw ProblemException.Forbidden(ProblemTypes.WrongRole, $"Only the session's mentor can {transition.Name} it",
                $"A {side.ToString().ToLowerInvariant()} cannot {transition.Name} a session.");
        }

        var now = clock.StoredUtcNow();
        int changed;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var sessions = db.Sessions.Where(s => s.Id == id && from.Contains(s.Status));
            if (transition == SessionTransition.Accept)
            {
                await db.LockMentorScheduleAsync(caller.GetUserId(), cancellationToken);
            }

            sessions = transition.When switch
            {
                StartCondition.BeforeStart => sessions.Where(s => s.ScheduledAt > now),
                StartCondition.Started => sessions.Where(s => s.ScheduledAt <= now),
                _ => sessions,
            };

            try
            {
                // One status at a time, accepted first, so the email knows exactly what the session was (a cancelled
                // accepted session must leave the calendars; a withdrawn request was in none).
                SessionStatus? was = null;
                foreach (var status in from.OrderByDescending(s => s == SessionStatus.Accepted))
                {
                    var inStatus = sessions.Where(s => s.Status == status);
                    var updated = await (status == SessionStatus.Pending ? inStatus.Where(deadline.Open(now)) : inStatus).ExecuteUpdateAsync(set =>
                    {
                        set.SetProperty(s => s.Status, transition.To).SetProperty(s => s.UpdatedAt, now);
                        if (status == SessionStatus.Pending && transition.AnswersRequest)
                        {
                            set.SetProperty(s => s.AnsweredAt, now);
                        }

                        alsoSet?.Invoke(set);
                    }, cancellationToken);
                    if (updated == 1)
                    {
                        was = status;
                        break;
                    }
                }

                changed = was is null ? 0 : 1;
                if (was is { } before && tell is not null)
                {
                    // The other side's email commits with the change, or neither does.
                    await tell(before);
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception exception) when (DatabaseErrors.IsSessionOverlap(exception))
            {
                throw Overlap("You already have an accepted session that overlaps this one.");
            }
        }

        if (changed == 0)
        {
            throw await RefusalAsync(id, transition, from, now, cancellationToken);
        }

        var changedSession = await queries.GetAsync(caller, id, CancellationToken.None); // committed: read back and told in full
        var otherParty = side == UserRole.Mentor ? changedSession.Mentee.Id : changedSession.Mentor.Id;
        await notifier.SessionChangedAsync(otherParty, new SessionChanged(id, transition.To));
        return changedSession;
    }

    /// <summary>
    /// Why a transition did not happen: the session is in another state, its request's deadline has passed, or its
    /// start is on the wrong side of now.
    /// </summary>
    private async Task<ProblemException> RefusalAsync(Guid id, SessionTransition transition, SessionStatus[] from, DateTime now, CancellationToken cancellationToken)
    {
        var current = await db.Sessions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Status, s.DeclineReason, s.ScheduledAt, s.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken) ?? throw SessionQueries.NotFound(); // deleted meanwhile (an account was)
        var expired = current.Status == SessionStatus.Pending ? !deadline.IsOpen(current.CreatedAt, current.ScheduledAt, now) : current.DeclineReason == DeclineReason.Expired;
        if (expired && from.Contains(SessionStatus.Pending))
        {
            return ProblemException.Conflict(ProblemTypes.RequestExpired, "The request has expired",
                "The mentor did not answer this request in time, so it has expired and Mentori declines it. Ask for another time, or another mentor.");
        }

        var detail = !from.Contains(current.Status)
            ? $"The session is {current.Status.ToString().ToLowerInvariant()}; it cannot be changed with {transition.Name}."
            : transition == SessionTransition.Accept
                ? "The requested start has passed; the request can no longer be accepted."
                : "A session can be completed once its start has passed.";
        return ProblemException.Conflict(ProblemTypes.InvalidTransition, "The session cannot make this change", detail);
    }

    private static ProblemException Overlap(string detail) =>
        ProblemException.Conflict(ProblemTypes.SessionOverlap, "The time is taken", detail);

    private static string? Reason(SessionReasonRequest? request)
    {
        var errors = new ValidationErrors();
        var reason = FreeText.Optional(errors, "reason", request?.Reason, SessionRules.MaxReasonLength);
        errors.ThrowIfAny();
        return reason;
    }

    /// <summary>A line for the shared notes, so both sides can see later why a session ended.</summary>
    private static Action<UpdateSettersBuilder<Session>>? AppendToNotes(string what, string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        var line = $"{what}: {reason}";
        return set => set.SetProperty(s => s.Notes, s => s.Notes == null ? line : s.Notes + "\n" + line);
    }
}
