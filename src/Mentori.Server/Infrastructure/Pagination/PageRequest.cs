using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Infrastructure.Pagination;

/// <summary>
/// api.md's <c>?limit=</c> (1–100, default 20) and opaque <c>?cursor=</c>. The cursor carries the sort key of the
/// last item a client saw (<typeparamref name="TKey"/>), so every list is keyset-paginated, never OFFSET.
/// </summary>
public sealed record PageRequest<TKey>(int Limit, TKey? After)
    where TKey : class
{
    /// <summary>The rows to fetch: one more than a page, to learn whether another page follows.</summary>
    public int FetchCount => Limit + 1;

    /// <summary>Cuts the fetched rows down to a page, with the cursor of its last item when more follow.</summary>
    public Page<T> ToPage<TRow, T>(IReadOnlyList<TRow> rows, Func<TRow, T> item, Func<TRow, IEnumerable<string>> keyOf)
    {
        var items = rows.Take(Limit).Select(item).ToList();
        var next = rows.Count > Limit ? Cursor.Encode(keyOf(rows[Limit - 1])) : null;
        return new Page<T>(items, next);
    }
}

public static class PageRequest
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>
    /// Checks both parameters; a cursor that <paramref name="parseKey"/> cannot read (made by another list, or
    /// altered) is a field error, so the client learns to start again.
    /// </summary>
    public static PageRequest<TKey> From<TKey>(ValidationErrors errors, int? limit, string? cursor, Func<IReadOnlyList<string>, TKey?> parseKey)
        where TKey : class
    {
        errors.AddIf(limit is < 1 or > MaxLimit, "limit", $"The limit is between 1 and {MaxLimit}.");
        TKey? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = Cursor.Decode(cursor) is { } parts ? parseKey(parts) : null;
            errors.AddIf(after is null, "cursor", "The cursor is not one this list returned; start again without it.");
        }

        return new PageRequest<TKey>(limit ?? DefaultLimit, after);
    }
}
