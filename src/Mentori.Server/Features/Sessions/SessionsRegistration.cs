using Mentori.Server.Infrastructure.Auth;

namespace Mentori.Server.Features.Sessions;

public static class SessionsRegistration
{
    public static IServiceCollection AddSessions(this IServiceCollection services) => services
        .AddScoped<VerifiedEmailRule>()
        .AddScoped<SessionService>()
        .AddScoped<SessionQueries>()
        .AddScoped<SessionEmails>()
        .AddSingleton<SessionReminders>()
        .AddHostedService(provider => provider.GetRequiredService<SessionReminders>());
}
