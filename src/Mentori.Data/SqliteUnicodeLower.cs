using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mentori.Data;

/// <summary>
/// SQLite's own <c>lower()</c> folds ASCII letters only, so "Économie" would never match "économie". Every
/// connection Mentori opens gets two functions for the mentor directory: <c>unicode_lower(text)</c>, .NET's
/// invariant lower-casing, and <c>search_words(text)</c>, the same text with every run of characters other than
/// letters and digits turned into one space and a space at each end, so a word (or a word's start) is found by
/// looking for it after a space.
/// </summary>
public sealed partial class SqliteUnicodeLower : DbConnectionInterceptor
{
    public static readonly SqliteUnicodeLower Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction("unicode_lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
            sqlite.CreateFunction("search_words", (string? text) =>
                text is null ? null : $" {NotLetterOrDigit().Replace(text.ToLowerInvariant(), " ").Trim()} ", isDeterministic: true);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial System.Text.RegularExpressions.Regex NotLetterOrDigit();
}
