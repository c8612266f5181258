using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentori.Server.Infrastructure.Idempotency;

/// <summary>What a create stored, or found stored already under the client's id (<see cref="ClientId"/>).</summary>
public sealed record Written<T>(T Value, bool WasStoredBefore)
{
    /// <summary>201 with the location for a new row; 200 for a write sent again, so a client can tell the two apart.</summary>
    public Results<Created<T>, Ok<T>> ToResult(string location) =>
        WasStoredBefore ? TypedResults.Ok(Value) : TypedResults.Created(location, Value);
}
