namespace Mentori.Data.Entities;

/// <summary>
/// The ratings a user has received, summed up. Not in the schema document: one row per user, written only by
/// database triggers on <c>users</c> and <c>ratings</c>, so listings sort and show averages without aggregating
/// every rating per request, and the summary stays exact under concurrent ratings.
/// </summary>
public class RatingSummary
{
    public Guid UserId { get; set; }
    public int RatingCount { get; set; }
    public int RatingSum { get; set; }

    /// <summary><c>RatingSum / RatingCount</c>, or 0 while there is no rating.</summary>
    public double RatingAverage { get; set; }
}
