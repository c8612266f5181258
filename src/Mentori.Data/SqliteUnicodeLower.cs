using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mentori.Data;

/// <summary>
/// SQLite's own <c>lower()</c> folds ASCII letters only, so "Économie" would never match "économie". Every
/// connection Mentori opens gets <c>unicode_lower(text)</c>, .NET's invariant lower-casing, for the
/// case-insensitive comparisons of the mentor directory.
/// </summary>
public sealed class SqliteUnicodeLower : DbConnectionInterceptor
{
    public const string FunctionName = "unicode_lower";

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
            sqlite.CreateFunction(FunctionName, (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        }
    }
}
