namespace Mentori.Tests.Infrastructure;

/// <summary>
/// One database and one host for all the tests of a class (an xunit class fixture), for classes whose tests use
/// the default settings and touch only the rows they create. xunit runs a class's tests one at a time, so they
/// never share the database at the same moment.
/// </summary>
public abstract class SharedApp : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public MentoriApp App { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        App = new MentoriApp(Database);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The shared app of a class on one provider's server (an assembly fixture).</summary>
public sealed class SharedApp<TServer>(TServer server) : SharedApp
    where TServer : class, ITestDatabaseServer
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => server.CreateDatabaseAsync();
}

/// <summary>A test class on a <see cref="SharedApp"/>: <see cref="App"/> for the default host, <see cref="Database"/> for its rows.</summary>
public abstract class SharedAppTest(SharedApp shared)
{
    protected TestDatabase Database => shared.Database;

    protected MentoriApp App => shared.App;
}
