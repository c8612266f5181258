namespace Mentori.Server.Features.Profiles;

/// <summary>
/// The editable fields of a profile (PUT replaces them all). Nullable throughout, so a missing field is a field
/// error or "none", never a body that fails to bind. Role, ids and timestamps are not here: they are never taken
/// from a body.
/// </summary>
public sealed record UpdateProfileRequest(
    string? FirstName,
    string? LastName,
    string? Bio,
    string? ProfileImage,
    string? Phone,
    string? Location,
    string? Timezone,
    List<string?>? Expertise,
    Dictionary<string, List<string?>?>? Availability,
    decimal? HourlyRate,
    int? YearsExperience,
    List<string?>? Interests,
    string? Goals,
    string? ExperienceLevel);
