using Mentori.Data.Entities;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// The limits of a session's fields and its transitions, in one place. The transitions are decision 5
/// (docs/decisions.md): pending → accepted → completed, pending → declined, accepted → cancelled, and a mentee
/// withdrawing its own pending request; nothing else.
/// </summary>
public static class SessionRules
{
    public const int MinDuration = 30;
    public const int MaxDuration = 180;
    public const int DefaultDuration = 60;
    public const int MaxNotesLength = 5000;
    public const int MaxReasonLength = 1000;
    public const int MaxMeetingLinkLength = 500;

    /// <summary>Why <paramref name="duration"/> (minutes) is not a session's length, or null when it is.</summary>
    public static string? DurationProblem(int? duration) =>
        duration is < MinDuration or > MaxDuration ? $"The duration is {MinDuration} to {MaxDuration} minutes." : null;

    public static DateTime EndOf(DateTime start, int duration) => start.AddMinutes(duration);

    public static bool Overlaps(DateTime start, DateTime end, DateTime otherStart, DateTime otherEnd) => start < otherEnd && otherStart < end;

    /// <summary>
    /// The accepted sessions that could reach into <c>[start, end)</c>: those starting before its end and less than the
    /// longest session before its start (each still to be checked with <see cref="Overlaps"/>).
    /// </summary>
    public static IQueryable<Session> AcceptedNear(this IQueryable<Session> sessions, DateTime start, DateTime end)
    {
        var earliest = start.AddMinutes(-MaxDuration);
        return sessions.Where(s => s.Status == SessionStatus.Accepted && s.ScheduledAt < end && s.ScheduledAt > earliest);
    }
}

/// <summary>When a transition may happen relative to the session's start.</summary>
public enum StartCondition
{
    Any,

    /// <summary>Only before the start (an accept: a request whose time has passed cannot be taken up).</summary>
    BeforeStart,

    /// <summary>Only once the session has started (a completion).</summary>
    Started,
}

/// <summary>One of the session transitions: who may make it, from which states, to which, and when.</summary>
public sealed record SessionTransition(string Name, SessionStatus To, IReadOnlyDictionary<UserRole, SessionStatus[]> From, StartCondition When = StartCondition.Any)
{
    public static readonly SessionTransition Accept = new("accept", SessionStatus.Accepted,
        new Dictionary<UserRole, SessionStatus[]> { [UserRole.Mentor] = [SessionStatus.Pending] }, StartCondition.BeforeStart);

    public static readonly SessionTransition Decline = new("decline", SessionStatus.Declined,
        new Dictionary<UserRole, SessionStatus[]> { [UserRole.Mentor] = [SessionStatus.Pending] });

    /// <summary>Both sides cancel an accepted session; a mentee may also withdraw its own pending request.</summary>
    public static readonly SessionTransition Cancel = new("cancel", SessionStatus.Cancelled,
        new Dictionary<UserRole, SessionStatus[]>
        {
            [UserRole.Mentor] = [SessionStatus.Accepted],
            [UserRole.Mentee] = [SessionStatus.Accepted, SessionStatus.Pending],
        });

    public static readonly SessionTransition Complete = new("complete", SessionStatus.Completed,
        new Dictionary<UserRole, SessionStatus[]> { [UserRole.Mentor] = [SessionStatus.Accepted] }, StartCondition.Started);

    /// <summary>The mentor's answer to a request (an accept or a decline): it stamps <c>answered_at</c>, which the response summaries read.</summary>
    public bool AnswersRequest => To is SessionStatus.Accepted or SessionStatus.Declined;

    /// <summary>
    /// Whether <paramref name="side"/> may make this transition now (what a page offers; the service decides). A pending
    /// request whose deadline has passed (<paramref name="requestOpen"/> false) takes no transition.
    /// </summary>
    public bool IsOpenTo(UserRole side, SessionStatus status, DateTime scheduledAt, bool requestOpen, DateTime now) =>
        From.TryGetValue(side, out var from) && from.Contains(status) && (status != SessionStatus.Pending || requestOpen) && When switch
        {
            StartCondition.BeforeStart => scheduledAt > now,
            StartCondition.Started => scheduledAt <= now,
            _ => true,
        };
}
