using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Components;

/// <summary>
/// A list page opened with a cursor the service refuses (an old address, an edited one) starts over at the first
/// page, where the API would answer 400: a person following a link should see the list, not an error.
/// </summary>
public static class StaleCursor
{
    public static async Task<T> OrFirstPageAsync<T>(string? cursor, Func<string?, Task<T>> load)
    {
        try
        {
            return await load(cursor);
        }
        catch (ProblemException problem) when (cursor is not null && problem.Errors is not null)
        {
            return await load(null);
        }
    }
}
