namespace Mentori.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
