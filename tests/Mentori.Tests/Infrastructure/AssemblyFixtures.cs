
[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(SqliteFiles))]
[assembly: AssemblyFixture(typeof(Chromium))]
