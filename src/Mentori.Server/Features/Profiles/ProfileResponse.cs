using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Features.Profiles;

/// <summary>A profile as the API shows it to its owner.</summary>
public sealed record ProfileResponse(
    Guid Id,
    Guid UserId,
    string FirstName,
    string LastName,
    string? Bio,
    string? ProfileImage,
    string? Phone,
    string? Location,
    string? Timezone,
    IReadOnlyList<string>? Expertise,
    IReadOnlyDictionary<string, List<string>>? Availability,
    decimal? HourlyRate,
    int? YearsExperience,
    IReadOnlyList<string>? Interests,
    string? Goals,
    string? ExperienceLevel,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static ProfileResponse From(Profile profile) => new(
        profile.Id, profile.UserId, profile.FirstName, profile.LastName, profile.Bio, profile.ProfileImage, profile.Phone,
        profile.Location, profile.Timezone, profile.Expertise, profile.Availability, profile.HourlyRate, profile.YearsExperience,
        profile.Interests, profile.Goals, profile.ExperienceLevel, profile.CreatedAt, profile.UpdatedAt);

    /// <summary>Two changes of one profile crossed (a photo upload and an edit); the client reloads and tries again.</summary>
    public static ProblemException EditConflict() =>
        ProblemException.Conflict(ProblemTypes.EditConflict, "The profile changed meanwhile",
            "Another change to this profile was saved first. Load it again and repeat the change.");

    /// <summary>The 404 for an account without a profile (an admin made from the command line).</summary>
    public static ProblemException NoProfile() =>
        ProblemException.NotFound("This account has no profile yet; PUT one first.");
}
