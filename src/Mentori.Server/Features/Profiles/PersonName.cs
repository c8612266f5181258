using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;

namespace Mentori.Server.Features.Profiles;

/// <summary>A first or last name, the same rule at sign-up and in the profile: required, one line, at most 100 characters.</summary>
public static class PersonName
{
    public const int MaxLength = 100;

    /// <summary>The trimmed name, or null with a field error.</summary>
    public static string? Validate(ValidationErrors errors, string field, string? name) =>
        FreeText.RequiredSingleLine(errors, field, name, MaxLength);

    /// <summary>"First Last", as the emails address a person.</summary>
    public static string Full(string? firstName, string? lastName) => $"{firstName} {lastName}".Trim();
}
