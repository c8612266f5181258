using Npgsql;

namespace Mentori.Tests.Host;

public sealed class HostOnPostgres(PostgresServer server) : HostTests(server)
{
    protected override async Task<IAsyncDisposable> MakeUnreachableAsync(TestDatabase database)
    {
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        await server.ExecuteAsync($"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
        await server.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        NpgsqlConnection.ClearAllPools();
        return new Reopen(() => server.ExecuteAsync($"ALTER DATABASE {name} ALLOW_CONNECTIONS true"));
    }

    private sealed class Reopen(Func<Task> reopen) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await reopen();
    }
}
