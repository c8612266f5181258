using Mentori.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mentori.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test assembly: <c>MENTORI_TEST_PG</c> (a connection string allowed to
/// create databases) when set, otherwise a throw-away server of our own, started with initdb/pg_ctl in a
/// temporary folder and reached through a Unix socket there. Each test gets a database copied from a migrated
/// template. With <c>CI=true</c> a missing PostgreSQL fails every test that needs it instead of skipping it.
/// </summary>
public sealed class PostgresServer : ITestDatabaseServer, IAsyncLifetime
{
    private const string Template = "mentori_template";

    private LocalPostgres? _local;
    private string? _unavailable;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>Connects to the server's maintenance database, for creating and dropping databases.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("MENTORI_TEST_PG");
        try
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                AdminConnectionString = configured;
            }
            else
            {
                _local = await LocalPostgres.StartAsync();
                AdminConnectionString = _local.ConnectionString;
            }

            await CreateTemplateAsync();
        }
        catch (Exception exception) when (!TestEnvironment.IsCI)
        {
            _unavailable = $"PostgreSQL is not available ({exception.Message}); set MENTORI_TEST_PG or install PostgreSQL 15.";
        }
    }

    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = NewDatabaseName();
        // FILE_COPY copies the small template's files at once; PostgreSQL 15's default (WAL_LOG) writes it block by
        // block through the WAL, about 35 ms slower a database (with fsync off, FILE_COPY's checkpoints cost little).
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template} STRATEGY FILE_COPY");
        return Database(name);
    }

    /// <summary>A database with nothing in it, not even migrations.</summary>
    public async Task<TestDatabase> CreateEmptyDatabaseAsync()
    {
        var name = NewDatabaseName();
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE template0");
        return Database(name);
    }

    public async Task ExecuteAsync(string sql)
    {
        if (_unavailable is not null)
        {
            Assert.Skip(_unavailable);
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }

    private static string NewDatabaseName() => $"mentori_test_{Guid.NewGuid():N}";

    private TestDatabase Database(string name)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(Provider, connectionString, async () =>
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
            await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    private async Task CreateTemplateAsync()
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE {Template}");
        var template = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Template, Pooling = false };
        await using (var db = new TestDatabase(Provider, template.ConnectionString, () => Task.CompletedTask).NewContext())
        {
            await db.Database.MigrateAsync();
        }

        // CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
        NpgsqlConnection.ClearAllPools();
    }
}
