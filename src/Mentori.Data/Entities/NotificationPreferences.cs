namespace Mentori.Data.Entities;

/// <summary>
/// Mentori's own table: what a user chose to hear about. No row means the defaults (everything on). Account emails
/// (verification, password reset) are not a choice: they are always sent.
/// </summary>
public class NotificationPreferences
{
    public Guid UserId { get; set; }

    /// <summary>The reminder the day before an accepted session.</summary>
    public bool Reminders { get; set; } = true;

    /// <summary>The email about a chat message left unread for a while by someone not on Mentori.</summary>
    public bool UnreadMessages { get; set; } = true;

    public DateTime UpdatedAt { get; set; }
}
