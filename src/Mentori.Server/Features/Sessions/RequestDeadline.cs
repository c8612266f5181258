using System.Linq.Expressions;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// When a pending request lapses: <see cref="SessionRequestOptions.RequestTtl"/> after it was made, or
/// <see cref="SessionRequestOptions.AnswerBeforeStart"/> before its start, whichever comes first. From then on it is never
/// treated as pending: no transition takes it up, it blocks no one's calendar, and <see cref="RequestExpiry"/>
/// declines it. The rule is read from the options on each use, so a changed setting applies to every open request.
/// </summary>
public sealed class RequestDeadline(IOptions<SessionRequestOptions> options)
{
    public DateTime Of(DateTime createdAt, DateTime scheduledAt)
    {
        var (ttl, beforeStart) = (createdAt + options.Value.RequestTtl, scheduledAt - options.Value.AnswerBeforeStart);
        return ttl < beforeStart ? ttl : beforeStart; // no array: the free slots ask this of every slot
    }

    /// <summary>A session whose request, if it is pending, may still be answered at <paramref name="now"/>.</summary>
    public Expression<Func<Session, bool>> Open(DateTime now)
    {
        var madeAfter = now - options.Value.RequestTtl;
        var startsAfter = now + options.Value.AnswerBeforeStart;
        return s => s.CreatedAt > madeAfter && s.ScheduledAt > startsAfter;
    }

    /// <summary>A pending request made <see cref="SessionRequestOptions.RemindAfter"/> or longer before <paramref name="now"/> (open or not: see <see cref="Open"/>).</summary>
    public Expression<Func<Session, bool>> WaitedLong(DateTime now)
    {
        var madeBy = now - options.Value.RemindAfter;
        return s => s.Status == SessionStatus.Pending && s.CreatedAt <= madeBy;
    }

    /// <summary>A pending request whose deadline has passed at <paramref name="now"/>: <see cref="LapsedByAge"/> or <see cref="LapsedByStart"/>.</summary>
    public Expression<Func<Session, bool>> Lapsed(DateTime now)
    {
        var madeBy = now - options.Value.RequestTtl;
        var startsBy = now + options.Value.AnswerBeforeStart;
        return s => s.Status == SessionStatus.Pending && (s.CreatedAt <= madeBy || s.ScheduledAt <= startsBy);
    }

    /// <summary>A pending request past its time to live at <paramref name="now"/> (one range of idx_sessions_pending_made).</summary>
    public Expression<Func<Session, bool>> LapsedByAge(DateTime now)
    {
        var madeBy = now - options.Value.RequestTtl;
        return s => s.Status == SessionStatus.Pending && s.CreatedAt <= madeBy;
    }

    /// <summary>A pending request within the before-start margin at <paramref name="now"/> (one range of idx_sessions_pending_start).</summary>
    public Expression<Func<Session, bool>> LapsedByStart(DateTime now)
    {
        var startsBy = now + options.Value.AnswerBeforeStart;
        return s => s.Status == SessionStatus.Pending && s.ScheduledAt <= startsBy;
    }

    /// <summary>The before-start margin in words, for the refusal of a start too near.</summary>
    public string AnswerBeforeStartText => Durations.InWords(options.Value.AnswerBeforeStart);

    /// <summary><see cref="Open"/> for one request in memory: its deadline is still ahead of <paramref name="now"/>.</summary>
    public bool IsOpen(DateTime createdAt, DateTime scheduledAt, DateTime now) => now < Of(createdAt, scheduledAt);
}
