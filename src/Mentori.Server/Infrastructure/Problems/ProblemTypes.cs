namespace Mentori.Server.Infrastructure.Problems;

/// <summary>The <c>type</c> URIs of Mentori's own problem documents; clients match on the last segment.</summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:mentori:problem:";

    public const string Validation = Prefix + "validation";
    public const string MalformedBody = Prefix + "malformed-body";
    public const string Antiforgery = Prefix + "antiforgery";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string NotFound = Prefix + "not-found";
    public const string RateLimited = Prefix + "rate-limited";
    public const string WrongRole = Prefix + "wrong-role";
    public const string AccountDeactivated = Prefix + "account-deactivated";
    public const string EmailTaken = Prefix + "email-taken";
    public const string EditConflict = Prefix + "edit-conflict";
    public const string EmailNotVerified = Prefix + "email-not-verified";
    public const string SessionOverlap = Prefix + "session-overlap";
    public const string InvalidTransition = Prefix + "invalid-transition";
    public const string RequestExpired = Prefix + "request-expired";
    public const string EmailNotFailed = Prefix + "email-not-failed";
    public const string NoSharedSession = Prefix + "no-shared-session";
    public const string AlreadyRated = Prefix + "already-rated";
    public const string IdInUse = Prefix + "id-in-use";
    public const string SelfChange = Prefix + "self-change";
    public const string LastAdmin = Prefix + "last-admin";
    public const string DatabaseUnavailable = Prefix + "database-unavailable";
    public const string Busy = Prefix + "busy";
    public const string StorageFull = Prefix + "storage-full";
    public const string OriginNotAllowed = Prefix + "origin-not-allowed";
    public const string Unexpected = Prefix + "unexpected";
}
