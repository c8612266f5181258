namespace Mentori.Server.Features.Profiles;

/// <summary>Another user as sessions and conversations show them: id, name and photo, nothing private.</summary>
public sealed record UserSummary(Guid Id, string? FirstName, string? LastName, string? ProfileImage);
