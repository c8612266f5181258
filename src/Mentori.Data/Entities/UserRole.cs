namespace Mentori.Data.Entities;

/// <summary>Stored lower-case in <c>users.role</c>, as the schema's CHECK constraint lists them.</summary>
public enum UserRole
{
    Mentor,
    Mentee,
    Admin,
}
