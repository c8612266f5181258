using Mentori.Server.Commands.Generation;
using Mentori.Server.Features.Backups;
using Mentori.Server.Infrastructure.Database;

namespace Mentori.Server.Commands;

/// <summary>Runs an admin command and turns its outcome into an exit code: 0, or 1 with one line on stderr.</summary>
public static class AdminCommandRunner
{
    public static async Task<int> RunAsync(AdminCommandLine command, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var backups = scope.ServiceProvider.GetRequiredService<BackupCommands>();
        try
        {
            // Backup commands leave the schema as it is: a backup is most wanted just before a migration.
            var outcome = command.Name switch
            {
                AdminCommandLine.Backup => await backups.BackupAsync(CancellationToken.None),
                AdminCommandLine.Backups => await backups.ListAsync(CancellationToken.None),
                AdminCommandLine.Restore => await backups.RestoreAsync(command.Options.GetValueOrDefault(AdminCommandLine.Argument),
                    command.Options.ContainsKey("force"), CancellationToken.None),
                _ => await MigrateThenAsync(command, scope.ServiceProvider),
            };
            await Console.Out.WriteLineAsync(outcome);
            return 0;
        }
        catch (Exception exception) when (exception is AdminCommandException or BackupException)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: {exception.Message}");
            return 1;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException
            or Microsoft.EntityFrameworkCore.DbUpdateException or IOException or UnauthorizedAccessException)
        {
            var message = exception is Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner } ? inner.Message : exception.Message;
            await Console.Error.WriteLineAsync($"{command.Name}: {FirstLine(message)}");
            return 1;
        }
    }

    private static async Task<string> MigrateThenAsync(AdminCommandLine command, IServiceProvider services)
    {
        var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return command.Name switch
        {
            AdminCommandLine.CreateAdmin => await services.GetRequiredService<CreateAdminCommand>()
                .RunAsync(command.Options.GetValueOrDefault("email"), command.Options.GetValueOrDefault("password")),
            AdminCommandLine.Generate => await services.GetRequiredService<GenerateCommand>().RunAsync(command.Options, Console.Error, CancellationToken.None),
            _ when applied.Count > 0 => $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.",
            _ => "The database is up to date; nothing to apply.",
        };
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

/// <summary>A command refused what it was given; the message is the one line the operator reads.</summary>
public sealed class AdminCommandException(string message) : Exception(message);
