namespace Mentori.Data.Entities;

/// <summary>
/// Mentori's own table: the last unread-message email a receiver got about one sender, keyed by the pair. It
/// limits that email to one an hour per conversation and to messages no earlier email told of. <see cref="SentAt"/>
/// is a concurrency token: of several instances, only the one whose update finds it unchanged sends.
/// </summary>
public class UnreadMessageNotice
{
    public Guid ReceiverId { get; set; }
    public Guid SenderId { get; set; }

    /// <summary>The newest message the email told of; later messages may be the next email's.</summary>
    public DateTime NotifiedUpTo { get; set; }

    public DateTime SentAt { get; set; }
}
