using Mentori.Data.Entities;

using Mentori.Server.Features.Profiles;

namespace Mentori.Server.Features.Sessions;


/// <summary>A session as its participants (and admins) see it.</summary>
public sealed record SessionResponse(
    Guid Id,
    SessionStatus Status,
    DeclineReason? DeclineReason,
    DateTime ScheduledAt,
    int Duration,
    string? MeetingLink,
    string? Notes,
    string? MenteeNotes,
    string? MentorNotes,
    UserSummary Mentor,
    UserSummary Mentee,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public DateTime EndsAt => SessionRules.EndOf(ScheduledAt, Duration);
}
