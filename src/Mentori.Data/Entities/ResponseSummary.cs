namespace Mentori.Data.Entities;

/// <summary>
/// How a user answers the session requests they receive as a mentor, over the last 90 days. Not in the schema
/// document: one row per user, made by a trigger on <c>users</c>; a trigger on <c>sessions</c> marks it
/// <see cref="Stale"/> when a request is decided or deleted, and Mentori's ResponseSummaries service computes it again
/// (a median and a moving window are beyond a trigger). The directory sorts and shows it without aggregating the
/// sessions of every mentor per request.
/// </summary>
public class ResponseSummary
{
    public Guid UserId { get; set; }

    /// <summary>Requests made in the window that were answered or expired (pending and withdrawn ones are not decided).</summary>
    public int Received { get; set; }

    /// <summary>Of <see cref="Received"/>, those the mentor accepted or declined.</summary>
    public int Answered { get; set; }

    /// <summary><see cref="Answered"/> ÷ <see cref="Received"/>; null under three received.</summary>
    public double? ResponseRate { get; set; }

    /// <summary>The median minutes from request to answer; null with the rate, or without an answer.</summary>
    public int? MedianResponseMinutes { get; set; }

    /// <summary>When the oldest request counted leaves the window, so the figures change without any new event; null with none counted.</summary>
    public DateTime? WindowEndsAt { get; set; }

    /// <summary>A request of this mentor was decided or deleted since the figures were computed.</summary>
    public bool Stale { get; set; }
}
