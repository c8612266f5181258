using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentori.Server.Features.Notifications;

public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me/notifications").WithTags("Accounts").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/", async Task<Ok<NotificationSettings>> (ClaimsPrincipal user, NotificationService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.GetAsync(user, cancellationToken)))
            .WithName("getNotificationSettings")
            .WithSummary("Which optional emails the signed-in user gets: the reminder the day before a session, and the email about a chat message left unread (each on unless turned off).");
        me.MapPut("/", async Task<Ok<NotificationSettings>> (NotificationSettings request, ClaimsPrincipal user, NotificationService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.UpdateAsync(user, request, cancellationToken)))
            .ProducesValidationProblem()
            .WithName("updateNotificationSettings")
            .WithSummary("Turn the optional emails on or off. Account emails and news of one's sessions are always sent.");
        return api;
    }
}
