namespace Mentori.Data.Entities;

public class Session
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MentorId { get; set; }
    public Guid MenteeId { get; set; }
    public SessionStatus Status { get; set; }

    /// <summary>Set when, and only when, <see cref="Status"/> is declined.</summary>
    public DeclineReason? DeclineReason { get; set; }

    /// <summary>When the mentor accepted or declined the request; null before, and for a request that expired or was withdrawn.</summary>
    public DateTime? AnsweredAt { get; set; }

    public DateTime ScheduledAt { get; set; }

    /// <summary>Minutes, 30–180.</summary>
    public int Duration { get; set; } = 60;

    public string? MeetingLink { get; set; }
    public string? Notes { get; set; }
    public string? MenteeNotes { get; set; }
    public string? MentorNotes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public User Mentor { get; set; } = null!;
    public User Mentee { get; set; } = null!;
}
