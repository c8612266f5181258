using Mentori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Infrastructure;

/// <summary>Where a test's databases come from: a PostgreSQL server or SQLite files.</summary>
public interface ITestDatabaseServer
{
    DatabaseProvider Provider { get; }

    /// <summary>A new database with every migration applied, for one test class or one test.</summary>
    Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>A new database with nothing in it, not even migrations.</summary>
    Task<TestDatabase> CreateEmptyDatabaseAsync();
}

/// <summary>One migrated database of its own, removed when disposed.</summary>
public sealed class TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public DatabaseProvider Provider { get; } = provider;
    public string ConnectionString { get; } = connectionString;

    public MentoriDb NewContext(TimeProvider? clock = null)
    {
        var options = new DbContextOptionsBuilder<MentoriDb>();
        options.UseMentoriDatabase(Provider, ConnectionString);
        return new MentoriDb(options.Options, clock ?? TimeProvider.System);
    }

    public ValueTask DisposeAsync() => new(drop());
}
