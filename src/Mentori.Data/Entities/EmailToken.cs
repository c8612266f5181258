namespace Mentori.Data.Entities;

/// <summary>A single-use token sent by email (verification, password reset), stored only as its SHA-256 hash.</summary>
public class EmailToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public EmailTokenPurpose Purpose { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }

    public User User { get; set; } = null!;
}
