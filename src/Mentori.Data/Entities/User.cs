namespace Mentori.Data.Entities;

public class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Trimmed and lower-cased before it is stored, so the unique key is case-insensitive.</summary>
    public required string Email { get; set; }

    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; }
    public bool IsActive { get; set; } = true;
    public bool IsVerified { get; set; }
    public DateTime? LastLogin { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public Profile? Profile { get; set; }
}
