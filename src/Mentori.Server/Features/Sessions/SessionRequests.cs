using System.ComponentModel;
using Mentori.Server.Infrastructure.Idempotency;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// <c>POST /sessions</c>. Nullable throughout, so a missing field is a field error, not an unreadable body. <c>id</c> is
/// the client's own (<see cref="ClientId"/>), or null for one Mentori chooses.
/// </summary>
public sealed record RequestSessionRequest(Guid? MentorId, DateTimeOffset? ScheduledAt, int? Duration = null, string? MenteeNotes = null,
    [property: Description(ClientId.Description)] Guid? Id = null);

/// <summary><c>POST /sessions/{id}/accept</c>; the body is optional.</summary>
public sealed record AcceptSessionRequest(string? MeetingLink = null);

/// <summary><c>decline</c> and <c>cancel</c>; the body is optional. The reason reaches the other side and the session's notes.</summary>
public sealed record SessionReasonRequest(string? Reason = null);

/// <summary><c>POST /sessions/{id}/complete</c>; the body is optional.</summary>
public sealed record CompleteSessionRequest(string? MentorNotes = null);

/// <summary>
/// <c>PATCH /sessions/{id}/notes</c>: <c>notes</c> is shared, <c>menteeNotes</c> the mentee's, <c>mentorNotes</c> the
/// mentor's. A field left out stays as it is; an empty string clears it.
/// </summary>
public sealed record SessionNotesRequest(string? Notes = null, string? MenteeNotes = null, string? MentorNotes = null);
