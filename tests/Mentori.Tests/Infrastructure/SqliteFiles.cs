using Mentori.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Infrastructure;

/// <summary>SQLite databases as files in a temporary folder, each a copy of one migrated template.</summary>
public sealed class SqliteFiles : ITestDatabaseServer, IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mentori-sqlite-");
    private string _template = "";

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async ValueTask InitializeAsync()
    {
        _template = Path.Combine(_folder.FullName, "template.db");
        var template = new TestDatabase(Provider, $"Data Source={_template};Pooling=False", () => Task.CompletedTask);
        await using var db = template.NewContext();
        await db.Database.MigrateAsync();
    }

    public Task<TestDatabase> CreateDatabaseAsync()
    {
        var file = Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.db");
        File.Copy(_template, file);
        return Task.FromResult(Database(file));
    }

    public Task<TestDatabase> CreateEmptyDatabaseAsync() =>
        Task.FromResult(Database(Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.db")));

    private TestDatabase Database(string file) =>
        new(Provider, $"Data Source={file}", () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return Task.CompletedTask;
        });

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
