using Microsoft.Data.Sqlite;

namespace Mentori.Tests.Host;

public sealed class HostOnSqlite(SqliteFiles server) : HostTests(server)
{
    /// <summary>Moves the database file away and puts a folder in its place, which SQLite cannot open.</summary>
    protected override Task<IAsyncDisposable> MakeUnreachableAsync(TestDatabase database)
    {
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        SqliteConnection.ClearAllPools();
        File.Move(file, file + ".away");
        Directory.CreateDirectory(file);
        return Task.FromResult<IAsyncDisposable>(new PutBack(file));
    }

    private sealed class PutBack(string file) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(file);

            // A background service (a queued password reset) may open the path in the moment it is free, and SQLite
            // then creates an empty database there: the real one replaces it.
            File.Move(file + ".away", file, overwrite: true);
            return ValueTask.CompletedTask;
        }
    }
}
