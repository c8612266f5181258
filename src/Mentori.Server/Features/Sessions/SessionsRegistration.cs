namespace Mentori.Server.Features.Sessions;

public static class SessionsRegistration
{
    public static IServiceCollection AddSessions(this IServiceCollection services) => services
        .AddScoped<SessionService>()
        .AddScoped<SessionQueries>()
        .AddScoped<SessionEmails>()
        .AddSingleton<RequestDeadline>()
        .AddSingleton<RequestExpiry>()
        .AddHostedService(provider => provider.GetRequiredService<RequestExpiry>())
        .AddSingleton<RequestReminders>()
        .AddHostedService(provider => provider.GetRequiredService<RequestReminders>())
        .AddSingleton<SessionReminders>()
        .AddHostedService(provider => provider.GetRequiredService<SessionReminders>());
}
