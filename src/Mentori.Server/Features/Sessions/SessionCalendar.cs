using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Validation;

namespace Mentori.Server.Features.Sessions;

/// <summary>An accepted session as an iCalendar (RFC 5545) file with one VEVENT, written by Ical.Net.</summary>
public static class SessionCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The calendar file of a session that is accepted; 409 for any other status.</summary>
    public static byte[] ForAccepted(SessionResponse session) => session.Status == Data.Entities.SessionStatus.Accepted
        ? For(session)
        : throw Infrastructure.Problems.ProblemException.Conflict(Infrastructure.Problems.ProblemTypes.InvalidTransition,
            "Only accepted sessions have a calendar entry", $"The session is {session.Status.ToString().ToLowerInvariant()}.");

    public static byte[] For(SessionResponse session)
    {
        var summary = $"Mentoring: {Name(session.Mentor)} and {Name(session.Mentee)}";
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
            Summary = summary,
            Description = description.ToString(),
            Start = new CalDateTime(session.ScheduledAt, CalDateTime.UtcTzId),
            End = new CalDateTime(session.EndsAt, CalDateTime.UtcTzId),
            Location = link,
            Url = link is null ? null : new Uri(link),
            Status = EventStatus.Confirmed,
        };
        var calendar = new Calendar { Method = "PUBLISH", ProductId = "-//Mentori//Sessions//EN" };
        calendar.Events.Add(calendarEvent);
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }

    private static string Name(UserSummary participant) => $"{participant.FirstName} {participant.LastName}".Trim();
}
