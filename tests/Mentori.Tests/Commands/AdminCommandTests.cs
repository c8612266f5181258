using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mentori.Tests.Commands;

/// <summary>The executable's admin commands, run as an operator runs them: a separate process, configured by environment.</summary>
public abstract class AdminCommandTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private const string Password = "Adm1nistrator";
    [Fact]
    public async Task Create_admin_creates_a_verified_active_admin_who_can_sign_in_with_that_password()
    {
        var result = await RunAsync("create-admin", "--email", "  Root@Example.COM ", "--password", Password);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = Database.NewContext();
        var admin = await db.Users.SingleAsync(u => u.Email == "root@example.com");
        Assert.Equal(UserRole.Admin, admin.Role);
        Assert.True(admin.IsVerified);
        Assert.True(admin.IsActive);
        using var hasher = new PasswordHasher(Options.Create(new AuthOptions()));
        Assert.True(await hasher.VerifyAsync(Password, admin.PasswordHash));
    }

    [Fact]
    public async Task Create_admin_promotes_an_existing_user_and_keeps_their_password()
    {
        var mentor = TestData.NewUser(UserRole.Mentor, "mentor@example.com");
        mentor.IsActive = false;
        mentor.IsVerified = false;
        await using (var db = Database.NewContext())
        {
            db.Users.Add(mentor);
            await db.SaveChangesAsync();
        }

        var result = await RunAsync("create-admin", "--email=mentor@example.com", "--password=" + Password);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Promoted mentor@example.com from mentor to admin", result.Output);
        await using var check = Database.NewContext();
        var promoted = await check.Users.SingleAsync(u => u.Id == mentor.Id);
        Assert.Equal((UserRole.Admin, true, true, mentor.PasswordHash), (promoted.Role, promoted.IsVerified, promoted.IsActive, promoted.PasswordHash));
    }

    [Theory]
    [InlineData("--email", "not-an-email", "--password", Password, "--email: Email is not a valid address.")]
    [InlineData("--email", "root@example.com", "--password", "short", "--password: Password must be at least 8 characters.")]
    [InlineData("--email", "root@example.com", "--password", "alllowercase1", "--password: Password must contain an upper-case letter.")]
    [InlineData("--password", Password, "", "", "--email: Email is required.")]
    public async Task Create_admin_refuses_bad_input_with_one_line_on_stderr_and_changes_nothing(
        string option1, string value1, string option2, string value2, string message)
    {
        string[] arguments = ["create-admin", option1, value1, option2, value2];
        var result = await RunAsync([.. arguments.Where(a => a.Length > 0)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"create-admin: {message}", result.Error.Trim());
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Migrate_on_a_migrated_database_changes_nothing_and_succeeds()
    {
        await using var db = Database.NewContext();
        var before = await db.Database.GetAppliedMigrationsAsync();

        var result = await RunAsync("migrate");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("The database is up to date; nothing to apply.", result.Output);
        Assert.Equal(before, await db.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [InlineData("migrat")]
    [InlineData("create_admin")]
    [InlineData("serve")]
    public async Task An_unknown_command_fails_with_the_list_of_commands_instead_of_serving(string word)
    {
        var result = await RunAsync(word);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"unknown command \"{word}\"", line);
        Assert.Contains("migrate, create-admin", line);
        Assert.Equal("", result.Output);
    }

    /// <summary>Issue 17: a secret (here the connection string) can come from a file, as Compose and Kubernetes mount them.</summary>
    [Fact]
    public async Task A_setting_can_come_from_a_file_in_the_secrets_folder()
    {
        var secrets = Directory.CreateTempSubdirectory("mentori-secrets-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "ConnectionStrings__Mentori"), Database.ConnectionString + "\n");
            var environment = new Dictionary<string, string>
            {
                ["Database__Provider"] = Database.Provider.ToString().ToLowerInvariant(),
                ["ConnectionStrings__Mentori"] = "Host=nowhere.invalid;Data Source=/nonexistent/folder/mentori.db", // overridden by the file
                ["Secrets__Folder"] = secrets.FullName,
            };

            var result = await ServerCommand.RunAsync(["create-admin", "--email", "secret@example.com", "--password", Password], environment);

            Assert.True(result.ExitCode == 0, result.Error);
            await using var db = Database.NewContext();
            Assert.True(await db.Users.AnyAsync(u => u.Email == "secret@example.com"));
        }
        finally
        {
            secrets.Delete(recursive: true);
        }
    }

    private Task<ServerCommand.Result> RunAsync(params string[] arguments) =>
        ServerCommand.RunAsync(arguments, ServerCommand.DatabaseEnvironment(Database));
}

public sealed class AdminCommandsOnPostgres(PostgresServer server) : AdminCommandTests(server)
{
    [Fact]
    public async Task A_database_that_cannot_be_reached_is_one_line_on_stderr()
    {
        var result = await ServerCommand.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            ["ConnectionStrings__Mentori"] = "Host=/nonexistent;Port=1;Username=nobody;Database=nothing;Timeout=2",
        });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("migrate: ", line);
    }
}

public sealed class AdminCommandsOnSqlite(SqliteFiles server) : AdminCommandTests(server);
