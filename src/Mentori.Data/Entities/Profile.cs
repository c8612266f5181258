namespace Mentori.Data.Entities;

public class Profile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Bio { get; set; }
    public string? ProfileImage { get; set; }
    public string? Phone { get; set; }
    public string? Location { get; set; }

    /// <summary>An IANA zone id; the mentor's availability is read in it.</summary>
    public string? Timezone { get; set; }

    // Mentor-specific
    public List<string>? Expertise { get; set; }

    /// <summary>Weekday name → ranges such as <c>"9:00-12:00"</c>, as the schema document shows.</summary>
    public Dictionary<string, List<string>>? Availability { get; set; }

    public decimal? HourlyRate { get; set; }
    public int? YearsExperience { get; set; }

    // Mentee-specific
    public List<string>? Interests { get; set; }
    public string? Goals { get; set; }
    public string? ExperienceLevel { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public User User { get; set; } = null!;
}
