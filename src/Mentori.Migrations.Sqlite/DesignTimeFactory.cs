using Mentori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mentori.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MentoriDb>
{
    public MentoriDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MentoriDb>();
        options.UseMentoriDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new MentoriDb(options.Options, TimeProvider.System);
    }
}
