namespace Mentori.Server.Commands;

public static class CommandsRegistration
{
    /// <summary>The commands of the executable (<c>create-admin</c>, <c>backup</c>, …), run by <see cref="AdminCommandRunner"/>.</summary>
    public static IServiceCollection AddCommands(this IServiceCollection services) => services
        .AddScoped<CreateAdminCommand>()
        .AddScoped<Generation.GenerateCommand>()
        .AddScoped<BackupCommands>();
}
