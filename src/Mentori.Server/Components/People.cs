using Mentori.Server.Features.Profiles;

namespace Mentori.Server.Components;

/// <summary>How the UI names another person; an account that was deleted keeps its sessions but no name.</summary>
public static class People
{
    public const string FormerMember = "A former member";

    public static string Name(UserSummary person) => NameOr(person.FirstName, person.LastName, FormerMember);

    /// <summary>The full name, or <paramref name="fallback"/> for an account without one (an admin made from the command line).</summary>
    public static string NameOr(string? firstName, string? lastName, string fallback) =>
        PersonName.Full(firstName, lastName) is { Length: > 0 } name ? name : fallback;

    /// <summary>The other side of a session or conversation, seen by <paramref name="viewer"/>.</summary>
    public static UserSummary Other(Guid viewer, UserSummary mentor, UserSummary mentee) => mentor.Id == viewer ? mentee : mentor;
}
