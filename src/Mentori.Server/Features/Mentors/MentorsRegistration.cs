namespace Mentori.Server.Features.Mentors;

public static class MentorsRegistration
{
    public static IServiceCollection AddMentors(this IServiceCollection services) => services
        .AddScoped<MentorDirectory>()
        .AddScoped<MentorSlots>()
        .AddScoped<MentorTopics>()
        .AddSingleton<ResponseSummaries>()
        .AddHostedService(provider => provider.GetRequiredService<ResponseSummaries>());
}
