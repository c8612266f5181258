using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure;
using Mentori.Server.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// The other party hears of every change: a new request (the mentor, reminded once if it waits a day unanswered),
/// accepted with the link and a calendar file, declined, expired unanswered (both, and the mentee is shown mentors
/// free at that time), cancelled (whoever did not cancel), and a reminder the day before (both). Times are shown in
/// each reader's own time zone, with UTC.
/// </summary>
public sealed class SessionEmails(MentoriDb db, SessionQueries queries, EmailOutbox outbox, IOptions<EmailOptions> options,
    MentorDirectory directory, IOptions<SessionRequestOptions> sessionOptions, RequestDeadline deadline)
{
    /// <summary>How many other mentors an expired request's email suggests.</summary>
    public const int Alternatives = 3;

    private sealed record Person(Guid Id, string Email, string FirstName, string LastName, string? Timezone, bool WantsReminders)
    {
        public string Name => PersonName.Full(FirstName, LastName);
    }

    private sealed record Facts(SessionResponse Session, Person Mentor, Person Mentee);

    public Task RequestedAsync(Guid sessionId) => NotifyAsync(sessionId, (session, mentor, mentee) =>
    {
        var notes = session.MenteeNotes is null ? "" : $"\n\nWhat {mentee.FirstName} would like to discuss:\n{session.MenteeNotes}";
        Send(mentor, $"New session request from {mentee.Name}", $"""
            {mentee.Name} asks for a {session.Duration}-minute session with you on {When(session, mentor)}.{notes}

            Accept or decline it here: {Link(session)}
            """);
    });

    public Task AcceptedAsync(Guid sessionId) => NotifyAsync(sessionId, (session, mentor, mentee) =>
    {
        var link = session.MeetingLink is null ? $"{mentor.FirstName} will share how you meet." : $"Join here: {session.MeetingLink}";
        Send(mentee, $"{mentor.Name} accepted your session", $"""
            Your session with {mentor.Name} on {When(session, mentee)} is confirmed.

            {link}

            The attached file adds it to your calendar. Details: {Link(session)}
            """, SessionCalendar.Invitation(session, new SessionCalendar.Participants(mentor.Email, mentee.Email)));
    });

    public Task DeclinedAsync(Guid sessionId, string? reason) => NotifyAsync(sessionId, (session, mentor, mentee) =>
    {
        Send(mentee, $"{mentor.Name} declined your session request", $"""
            {mentor.Name} cannot take the session you asked for on {When(session, mentee)}.{Reason(reason)}

            Other mentors and other times: {options.Value.PageUrl("/mentors")}
            """);
    });

    /// <summary>The mentor of a request still pending hears who waits, and by when to answer; none once it is answered.</summary>
    public Task AnswerReminderAsync(Guid sessionId) => NotifyAsync(sessionId, (session, mentor, mentee) =>
    {
        if (session.Status != SessionStatus.Pending)
        {
            return;
        }

        var by = ReaderTime.Format(deadline.Of(session.CreatedAt, session.ScheduledAt), mentor.Timezone);
        Send(mentor, $"{mentee.Name} is waiting for your answer", $"""
            {mentee.Name} asked {Durations.InWords(sessionOptions.Value.RemindAfter)} ago for a session with you on {When(session, mentor)}, and is waiting for your answer.

            Accept or decline it by {by}; after that Mentori declines it for you and suggests other mentors to {mentee.FirstName}: {Link(session)}
            """);
    });

    /// <summary>
    /// The mentee hears that the request lapsed unanswered, with <paramref name="others"/> (<see cref="AlternativesAsync"/>);
    /// the mentor hears that it lapsed, and how long requests wait.
    /// </summary>
    public async Task ExpiredAsync(Guid sessionId, IReadOnlyList<MentorSummary> others)
    {
        if (await LoadAsync(sessionId) is not { } facts)
        {
            return;
        }

        var (session, mentor, mentee) = facts;
        var suggestions = others.Count == 0
            ? $"Other mentors and other times: {options.Value.PageUrl("/mentors")}"
            : $"These mentors share {mentor.FirstName}'s topics and are free at that time:\n"
                + string.Concat(others.Select(other =>
                    $"- {PersonName.Full(other.FirstName, other.LastName)} ({string.Join(", ", other.Expertise.Take(3))}): {options.Value.PageUrl($"/mentors/{other.Id}")}\n"))
                + $"\nAll mentors: {options.Value.PageUrl("/mentors")}";
        Send(mentee, $"{mentor.Name} did not answer your session request", $"""
            {mentor.Name} did not answer your request for a session on {When(session, mentee)} in time, so it has expired. That time is free in your calendar again.

            {suggestions}
            """);
        var rule = $"Mentori declines a request that has no answer {Durations.InWords(sessionOptions.Value.RequestTtl)} after it was made, "
            + $"or {Durations.InWords(sessionOptions.Value.AnswerBeforeStart)} before its start if that comes first";
        Send(mentor, $"A session request from {mentee.Name} expired", $"""
            {mentee.Name} asked for a session on {When(session, mentor)}, and the request expired unanswered: {rule}. {mentee.FirstName} has been told.

            Your sessions: {options.Value.PageUrl("/sessions")}
            """);
    }

    /// <summary>
    /// Up to <see cref="Alternatives"/> mentors of the same topics as the request's mentor who are free at its time: what
    /// the mentee of an expired request is offered. Asked before the expiry's transaction, so that it holds the row
    /// for no longer than the write.
    /// </summary>
    public Task<IReadOnlyList<MentorSummary>> AlternativesAsync(Guid mentorId, DateTime start, int duration, CancellationToken cancellationToken) =>
        directory.FreeAlikeAsync(mentorId, start, SessionRules.EndOf(start, duration), Alternatives, cancellationToken);

    /// <summary>
    /// The other side is told; when the session had been accepted, both sides get the calendar's cancellation, so
    /// the event leaves the calendars the invitation put it in.
    /// </summary>
    public Task CancelledAsync(Guid sessionId, Guid cancelledBy, string? reason, bool wasAccepted) => NotifyAsync(sessionId, (session, mentor, mentee) =>
    {
        var (by, to) = cancelledBy == mentor.Id ? (mentor, mentee) : (mentee, mentor);
        EmailAttachment[] cancellation = wasAccepted ? [SessionCalendar.Cancellation(session, new SessionCalendar.Participants(mentor.Email, mentee.Email))] : [];
        Send(to, $"{by.Name} cancelled your session", $"""
            {by.Name} cancelled the session on {When(session, to)}.{Reason(reason)}

            Details: {Link(session)}
            """, cancellation);
        if (wasAccepted)
        {
            var other = by == mentor ? mentee : mentor;
            Send(by, $"You cancelled your session with {other.Name}", $"""
                Your session with {other.Name} on {When(session, by)} is cancelled; {other.FirstName} has been told.

                The attached file removes it from your calendar.
                """, cancellation);
        }
    });

    /// <summary>Both sides who have not turned reminders off, for a session still accepted (one cancelled meanwhile gets none).</summary>
    public Task ReminderAsync(Guid sessionId) => NotifyAsync(sessionId, (session, mentor, mentee) =>
    {
        if (session.Status != SessionStatus.Accepted)
        {
            return;
        }

        foreach (var (to, other) in new[] { (mentor, mentee), (mentee, mentor) }.Where(pair => pair.Item1.WantsReminders))
        {
            var link = session.MeetingLink is null ? "" : $"\n\nJoin here: {session.MeetingLink}";
            Send(to, $"Coming up: your session with {other.Name}", $"""
                A reminder: your session with {other.Name} is on {When(session, to)}.{link}

                Details: {Link(session)}
                """);
        }
    });

    private void Send(Person to, string subject, string text, params EmailAttachment[] attachments)
    {
        var zoneHint = ReaderTime.HasZone(to.Timezone)
            ? ""
            : $"\n\nTimes are shown in UTC because your profile has no time zone. Set yours to read them in your own time: {options.Value.PageUrl("/profile")}";
        outbox.Enqueue(to.Email, subject, $"Hi {to.FirstName},\n\n{text}{zoneHint}\n\n— The Mentori team", attachments);
    }

    /// <summary>
    /// Queues the emails in the caller's unit of work, inside the transaction of the change they tell of: the change
    /// and its emails commit together, or neither does. A session deleted meanwhile is not written about.
    /// </summary>
    private async Task NotifyAsync(Guid sessionId, Action<SessionResponse, Person, Person> write)
    {
        if (await LoadAsync(sessionId) is { } facts)
        {
            write(facts.Session, facts.Mentor, facts.Mentee);
        }
    }

    private async Task<Facts?> LoadAsync(Guid sessionId)
    {
        var session = await queries.Project(db.Sessions.Where(s => s.Id == sessionId)).SingleOrDefaultAsync(CancellationToken.None);
        if (session is null)
        {
            return null;
        }

        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == session.Mentor.Id || u.Id == session.Mentee.Id)
            .Select(u => new Person(u.Id, u.Email, u.Profile!.FirstName, u.Profile.LastName, u.Profile.Timezone,
                db.NotificationPreferences.Where(p => p.UserId == u.Id).Select(p => (bool?)p.Reminders).FirstOrDefault() ?? true))
            .ToListAsync(CancellationToken.None);
        var mentor = people.SingleOrDefault(p => p.Id == session.Mentor.Id);
        var mentee = people.SingleOrDefault(p => p.Id == session.Mentee.Id);
        return mentor is null || mentee is null ? null : new Facts(session, mentor, mentee);
    }

    private static string When(SessionResponse session, Person reader) => ReaderTime.Format(session.ScheduledAt, reader.Timezone);

    private static string Reason(string? reason) => reason is null ? "" : $"\n\nReason given: {reason}";

    private string Link(SessionResponse session) => options.Value.PageUrl($"/sessions/{session.Id}");
}
