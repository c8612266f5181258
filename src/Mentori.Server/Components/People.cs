using Mentori.Server.Features.Profiles;

namespace Mentori.Server.Components;

/// <summary>How the UI names another person; an account that was deleted keeps its sessions but no name.</summary>
public static class People
{
    public const string FormerMember = "A former member";

    public static string Name(UserSummary person) => PersonName.Full(person.FirstName, person.LastName) is { Length: > 0 } name ? name : FormerMember;

    /// <summary>The other side of a session or conversation, seen by <paramref name="viewer"/>.</summary>
    public static UserSummary Other(Guid viewer, UserSummary mentor, UserSummary mentee) => mentor.Id == viewer ? mentee : mentor;
}
