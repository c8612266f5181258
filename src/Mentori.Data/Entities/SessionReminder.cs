namespace Mentori.Data.Entities;

/// <summary>
/// Mentori's own table: that the reminder of an accepted session was sent. Its key is the session, so of all
/// server instances, before or after a restart, exactly one records it, and only that one sends it.
/// </summary>
public class SessionReminder
{
    public Guid SessionId { get; set; }
    public DateTime SentAt { get; set; }
}
