namespace Mentori.Data.Entities;

public enum OutboxEmailStatus
{
    Queued,
    Sent,
    Failed,
}

/// <summary>
/// Mentori's own table: an email written in the same transaction as the change it tells of, and sent afterwards
/// by the outbox sender. The message is stored whole (MIME), with a <c>Message-ID</c> fixed by the row's id, so a
/// resend after a crash between sending and marking is recognisable as the same email.
/// </summary>
public class OutboxEmail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public byte[] Message { get; set; } = [];
    public OutboxEmailStatus Status { get; set; } = OutboxEmailStatus.Queued;
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due; a claim also needs the lease of an earlier one to have run out.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>A sender's claim: until then no other sender takes the row.</summary>
    public DateTime? LockedUntil { get; set; }

    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
