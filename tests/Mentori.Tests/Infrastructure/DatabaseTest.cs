namespace Mentori.Tests.Infrastructure;

/// <summary>The one database lifecycle of the tests: a fresh, migrated database per test, dropped afterwards.</summary>
public abstract class DatabaseTest(ITestDatabaseServer server) : IAsyncLifetime
{
    protected ITestDatabaseServer Server { get; } = server;

    protected TestDatabase Database { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync() => Database = await Server.CreateDatabaseAsync();

    public virtual ValueTask DisposeAsync() => Database.DisposeAsync();
}
