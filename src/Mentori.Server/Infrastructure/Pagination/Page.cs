namespace Mentori.Server.Infrastructure.Pagination;

/// <summary>One page of a list, api.md's <c>{items, nextCursor}</c>; <c>nextCursor</c> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
