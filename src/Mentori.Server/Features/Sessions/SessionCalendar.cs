using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Mentori.Data.Entities;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Email;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// A session as an iCalendar (RFC 5545) file with one VEVENT, written by Ical.Net (which escapes every text value).
/// Its UID is the session's, so the acceptance's invitation (<c>METHOD:REQUEST</c>, sequence 0), the cancellation
/// (<c>METHOD:CANCEL</c>, sequence 1) and a downloaded copy all speak of one event, and a calendar that received
/// the invitation removes the event when the cancellation arrives. Times are UTC.
/// </summary>
public static class SessionCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The sequence of a cancelled session's event: one past the invitation's.</summary>
    private const int CancelledSequence = 1;

    /// <summary>The people as the calendar names them: the mentor organizes, the mentee attends.</summary>
    public sealed record Participants(string MentorEmail, string MenteeEmail);

    /// <summary>The invitation sent with the acceptance.</summary>
    public static EmailAttachment Invitation(SessionResponse session, Participants people) =>
        Attachment("REQUEST", Write(session, "REQUEST", people));

    /// <summary>The cancellation of an accepted session, sent to both sides.</summary>
    public static EmailAttachment Cancellation(SessionResponse session, Participants people) =>
        Attachment("CANCEL", Write(session, "CANCEL", people));

    /// <summary><c>calendar.ics</c>: an accepted session, or a cancelled one marked <c>STATUS:CANCELLED</c>; 409 otherwise.</summary>
    public static byte[] Download(SessionResponse session) => session.Status is SessionStatus.Accepted or SessionStatus.Cancelled
        ? Write(session, "PUBLISH", people: null)
        : throw ProblemException.Conflict(ProblemTypes.InvalidTransition,
            "Only accepted and cancelled sessions have a calendar entry", $"The session is {session.Status.ToString().ToLowerInvariant()}.");

    private static EmailAttachment Attachment(string method, byte[] content) =>
        new(method == "CANCEL" ? "mentori-session-cancelled.ics" : "mentori-session.ics", $"{ContentType}; method={method}", content);

    private static byte[] Write(SessionResponse session, string method, Participants? people)
    {
        var cancelled = method == "CANCEL" || session.Status == SessionStatus.Cancelled;
        var description = new StringBuilder($"Mentoring session on Mentori ({session.Duration} minutes).");

        // Ical.Net writes a URL as it is: a link stored before links were checked must not add lines to the file.
        var link = session.MeetingLink is { } stored && FreeText.IsHttpUrl(stored) ? stored : null;
        if (link is not null)
        {
            description.Append("\nJoin: ").Append(link);
        }

        if (session.MenteeNotes is not null)
        {
            description.Append("\n\nTo discuss: ").Append(session.MenteeNotes);
        }

        var calendarEvent = new CalendarEvent
        {
            Uid = $"{session.Id}@mentori",
            Sequence = cancelled ? CancelledSequence : 0,
            Summary = $"Mentoring: {Name(session.Mentor)} and {Name(session.Mentee)}",
            Description = description.ToString(),
            Start = new CalDateTime(session.ScheduledAt, CalDateTime.UtcTzId),
            End = new CalDateTime(session.EndsAt, CalDateTime.UtcTzId),
            Location = link,
            Url = link is null ? null : new Uri(link),
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        if (people is not null)
        {
            calendarEvent.Organizer = new Organizer($"mailto:{people.MentorEmail}") { CommonName = Name(session.Mentor) };
            calendarEvent.Attendees.Add(new Attendee($"mailto:{people.MenteeEmail}")
            {
                CommonName = Name(session.Mentee),
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = "ACCEPTED",
            });
        }

        var calendar = new Calendar { Method = method, ProductId = "-//Mentori//Sessions//EN" };
        calendar.Events.Add(calendarEvent);
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }

    private static string Name(UserSummary participant) => $"{participant.FirstName} {participant.LastName}".Trim();
}
