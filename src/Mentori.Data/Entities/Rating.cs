namespace Mentori.Data.Entities;

public class Rating
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid RaterId { get; set; }
    public Guid RatedId { get; set; }

    /// <summary>1–5, column <c>rating</c>.</summary>
    public int Score { get; set; }

    public string? Feedback { get; set; }
    public DateTime CreatedAt { get; set; }

    public Session Session { get; set; } = null!;
    public User Rater { get; set; } = null!;
    public User Rated { get; set; } = null!;
}
