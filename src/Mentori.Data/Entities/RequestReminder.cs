namespace Mentori.Data.Entities;

/// <summary>
/// Mentori's own table: that a mentor was reminded of a request still waiting for an answer. Its key is the session,
/// so of all server instances, before or after a restart, exactly one records it, and only that one sends it.
/// </summary>
public class RequestReminder
{
    public Guid SessionId { get; set; }
    public DateTime SentAt { get; set; }
}
