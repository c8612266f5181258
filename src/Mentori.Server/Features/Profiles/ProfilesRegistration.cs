namespace Mentori.Server.Features.Profiles;

public static class ProfilesRegistration
{
    public static IServiceCollection AddProfiles(this IServiceCollection services) => services
        .AddScoped<ProfileService>()
        .AddScoped<ProfileImages>()
        .AddSingleton<ProfileImageSweeper>()
        .AddHostedService(provider => provider.GetRequiredService<ProfileImageSweeper>());
}
