using System.ComponentModel.DataAnnotations;
using Mentori.Data;

namespace Mentori.Server.Infrastructure.Database;

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:Mentori</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required(ErrorMessage = "ConnectionStrings:Mentori is required.")]
    public string ConnectionString { get; set; } = "Data Source=data/mentori.db";
}
