using Mentori.Server.Infrastructure.Database;

namespace Mentori.Server.Commands;

/// <summary>Runs an admin command and turns its outcome into an exit code: 0, or 1 with one line on stderr.</summary>
public static class AdminCommandRunner
{
    public static async Task<int> RunAsync(AdminCommandLine command, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            var outcome = command.Name switch
            {
                AdminCommandLine.CreateAdmin => await scope.ServiceProvider.GetRequiredService<CreateAdminCommand>()
                    .RunAsync(command.Options.GetValueOrDefault("email"), command.Options.GetValueOrDefault("password")),
                _ when applied.Count > 0 => $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.",
                _ => "The database is up to date; nothing to apply.",
            };
            await Console.Out.WriteLineAsync(outcome);
            return 0;
        }
        catch (AdminCommandException exception)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: {exception.Message}");
            return 1;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: {FirstLine(exception.Message)}");
            return 1;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

/// <summary>A command refused what it was given; the message is the one line the operator reads.</summary>
public sealed class AdminCommandException(string message) : Exception(message);
