namespace Mentori.Server.Features.Ratings;

public static class RatingsRegistration
{
    public static IServiceCollection AddRatings(this IServiceCollection services) => services
        .AddScoped<RatingService>();
}
