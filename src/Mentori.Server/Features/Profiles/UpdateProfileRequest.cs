namespace Mentori.Server.Features.Profiles;

/// <summary>
/// The editable fields of a profile (PUT replaces them all). Nullable throughout, so a missing field is a field
/// error or "none", never a body that fails to bind; the defaults mark the fields a client may leave out (the OpenAPI
/// document lists only the names as required). Role, ids and timestamps are not here: they are never taken
/// from a body.
/// </summary>
public sealed record UpdateProfileRequest(
    string? FirstName,
    string? LastName,
    string? Bio = null,
    string? ProfileImage = null,
    string? Phone = null,
    string? Location = null,
    string? Timezone = null,
    List<string?>? Expertise = null,
    Dictionary<string, List<string?>?>? Availability = null,
    decimal? HourlyRate = null,
    int? YearsExperience = null,
    List<string?>? Interests = null,
    string? Goals = null,
    string? ExperienceLevel = null);
