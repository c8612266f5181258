using Mentori.Data.Entities;

namespace Mentori.Server.Features.Sessions;

/// <summary>Who takes part, as a session shows them.</summary>
public sealed record Participant(Guid Id, string? FirstName, string? LastName, string? ProfileImage);

/// <summary>A session as its participants (and admins) see it.</summary>
public sealed record SessionResponse(
    Guid Id,
    SessionStatus Status,
    DateTime ScheduledAt,
    int Duration,
    string? MeetingLink,
    string? Notes,
    string? MenteeNotes,
    string? MentorNotes,
    Participant Mentor,
    Participant Mentee,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public DateTime EndsAt => SessionRules.EndOf(ScheduledAt, Duration);
}
