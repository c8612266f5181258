using Mentori.Server.Features.Backups;
using Mentori.Server.Features.Messages;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Features.Sessions;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Email;
using Mentori.Server.Infrastructure.Hosting;
using Mentori.Server.Infrastructure.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Configuration;

/// <summary>Every configuration section of the README's table, bound to a typed class and checked before the host starts.</summary>
public static class OptionsRegistration
{
    public static IServiceCollection AddMentoriOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<JwtOptions>, DevelopmentSigningKey>();
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProfileImageOptions>().Bind(configuration.GetSection(ProfileImageOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SessionRequestOptions>().Bind(configuration.GetSection(SessionRequestOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.Section))
            .Configure(settings => settings.TrustsEveryone = configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED"))
            .ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
