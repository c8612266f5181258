namespace Mentori.Server.Infrastructure.Email;

public static class EmailRegistration
{
    public static IServiceCollection AddMentoriEmail(this IServiceCollection services)
    {
        services.AddSingleton<EmailOutbox>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailOutbox>());
        return services;
    }
}
