namespace Mentori.Server.Features.Notifications;

public static class NotificationsRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services
        .AddScoped<NotificationService>();
}
