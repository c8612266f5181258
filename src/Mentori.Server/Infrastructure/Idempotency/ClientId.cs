using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Infrastructure.Idempotency;

/// <summary>
/// The id a client may choose for what it creates (a message, a session request, a rating), so that it can send the
/// same write again after a lost answer without storing it twice: the row's primary key refuses a second one, and
/// the same write with the same id is answered with what is stored. It is a UUID of version 7 (RFC 9562), the kind
/// Mentori makes itself, so that keys stay in time order; any other id is a field error.
/// </summary>
public static class ClientId
{
    public const string Field = "id";

    /// <summary>How the OpenAPI description explains the field.</summary>
    public const string Description = "A UUID of version 7 chosen by the client, so that the same write sent again after a lost answer is stored "
        + "once and answered 200 with what is stored; another write under a stored id is 409 `id-in-use`. Left out, Mentori chooses one.";

    /// <summary>The id, or null when the client left the choice to Mentori; a wrong kind of UUID is a field error.</summary>
    public static Guid? Check(ValidationErrors errors, Guid? id)
    {
        errors.AddIf(id is { } value && !IsValid(value), Field, "An id is a UUID of version 7 (RFC 9562), such as 019375f2-8a4e-7c3d-9b1a-2f6e8d4c0a17.");
        return id;
    }

    /// <summary>The answer when the id is stored already for another write: another caller's, or other content.</summary>
    public static ProblemException InUse() => ProblemException.Conflict(ProblemTypes.IdInUse, "This id is taken",
        "Something else was stored with this id. Send the same write again with the same id, or a new write with a new id.");

    /// <summary>A UUID of version 7 and the RFC's variant.</summary>
    public static bool IsValid(Guid id) => id.Version == 7 && id.Variant is >= 8 and <= 11;
}
