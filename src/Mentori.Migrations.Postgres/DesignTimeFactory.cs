using Mentori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mentori.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a running server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MentoriDb>
{
    public MentoriDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MentoriDb>();
        options.UseMentoriDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=mentori");
        return new MentoriDb(options.Options, TimeProvider.System);
    }
}
