using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mentori.Server.Infrastructure.Email;

public static class EmailRegistration
{
    public static IServiceCollection AddMentoriEmail(this IServiceCollection services)
    {
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IInterceptor>(provider => provider.GetRequiredService<OutboxSignal>());
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        return services;
    }
}
