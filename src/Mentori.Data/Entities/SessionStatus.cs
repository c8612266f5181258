namespace Mentori.Data.Entities;

/// <summary>Stored lower-case in <c>sessions.status</c>, as the schema's CHECK constraint lists them.</summary>
public enum SessionStatus
{
    Pending,
    Accepted,
    Declined,
    Completed,
    Cancelled,
}
