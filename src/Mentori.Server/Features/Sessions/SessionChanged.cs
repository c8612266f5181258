using Mentori.Data.Entities;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// What the hub pushes (<c>sessionChanged</c>) to the other party when a session is requested or changes status, so
/// that an open list of sessions can refresh itself. The session itself is read over REST.
/// </summary>
public sealed record SessionChanged(Guid SessionId, SessionStatus Status);
