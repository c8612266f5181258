using Mentori.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(SqliteFiles))]
