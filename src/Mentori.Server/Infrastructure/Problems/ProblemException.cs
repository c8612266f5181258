namespace Mentori.Server.Infrastructure.Problems;

/// <summary>
/// A refusal a client can act on. Services throw it; <see cref="ExceptionProblemHandler"/> turns it into the
/// problem document, so no endpoint builds one by hand.
/// </summary>
public sealed class ProblemException(int status, string type, string title, string? detail = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;

    /// <summary>Field errors, keyed by the camelCase field name; only for 400.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; private init; }

    /// <summary>Seconds until a rate-limited or turned-away client may try again; for 429 and 503.</summary>
    public int? RetryAfterSeconds { get; private init; }

    public static ProblemException Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "One or more fields are invalid", "See errors for each field.")
        {
            Errors = errors,
        };

    public static ProblemException Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemException Unauthorized(string detail) =>
        new(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Authentication failed", detail);

    public static ProblemException Forbidden(string type, string title, string detail) =>
        new(StatusCodes.Status403Forbidden, type, title, detail);

    /// <summary>The caller's account was deactivated by an administrator: at sign-in, refresh, and on every request.</summary>
    public static ProblemException AccountDeactivated() =>
        Forbidden(ProblemTypes.AccountDeactivated, "The account is deactivated", "This account has been deactivated by an administrator.");

    /// <summary>An unknown id, or one the caller may not see (api.md: the two look the same).</summary>
    public static ProblemException NotFound(string detail) =>
        new(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", detail);

    public static ProblemException Conflict(string type, string title, string detail) =>
        new(StatusCodes.Status409Conflict, type, title, detail);

    public static ProblemException TooManyRequests(TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many requests", "Wait before trying again.")
        {
            RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)),
        };

    /// <summary>The server is too busy for this now, not broken: the client tries again after <paramref name="retryAfter"/>.</summary>
    public static ProblemException ServiceUnavailable(string type, string title, string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status503ServiceUnavailable, type, title, detail)
        {
            RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)),
        };
}
