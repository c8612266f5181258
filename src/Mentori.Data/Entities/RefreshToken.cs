namespace Mentori.Data.Entities;

/// <summary>
/// An opaque refresh token, stored only as its SHA-256 hash. Each use spends it and issues the next one of
/// the same family; using a spent token again revokes the whole family.
/// </summary>
public class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    /// <summary>Every token descended from one sign-in shares the family of the first.</summary>
    public Guid FamilyId { get; set; }

    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public User User { get; set; } = null!;
}
