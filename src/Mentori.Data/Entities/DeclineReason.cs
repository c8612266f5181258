namespace Mentori.Data.Entities;

/// <summary>
/// Why a session was declined, stored lower-case in <c>sessions.decline_reason</c>: set on every declined session
/// and on no other.
/// </summary>
public enum DeclineReason
{
    /// <summary>The mentor declined the request.</summary>
    Mentor,

    /// <summary>The mentor did not answer by the request's deadline, and Mentori declined it.</summary>
    Expired,
}
