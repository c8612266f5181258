using Mentori.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// A valid signature is not enough: before an endpoint that needs a user runs, the user must still exist and be
/// active (else 403, api.md: "deactivated"), still have the role the token or cookie names, and the
/// sign-in must not have been ended by logout or a password change. Answers are at most 30 seconds old.
/// </summary>
public static class SignedInUserCheck
{
    public static IApplicationBuilder UseSignedInUserCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null)
        {
            await CheckAsync(context);
        }

        await next(context);
    });

    private static async Task CheckAsync(HttpContext context)
    {
        var claims = context.User;
        if (!Guid.TryParse(claims.FindFirst(MentoriClaims.UserId)?.Value, out var userId)
            || !Guid.TryParse(claims.FindFirst(MentoriClaims.SignInId)?.Value, out var familyId))
        {
            throw SignInAgain();
        }

        var status = await context.RequestServices.GetRequiredService<UserStatusCache>().GetAsync(userId, context.RequestAborted)
            ?? throw SignInAgain();
        if (!status.IsActive)
        {
            throw ProblemException.AccountDeactivated();
        }

        if (!string.Equals(claims.FindFirst(MentoriClaims.Role)?.Value, MentoriClaims.RoleName(status.Role), StringComparison.Ordinal)
            || !await context.RequestServices.GetRequiredService<SignInStatusCache>().IsAliveAsync(familyId, context.RequestAborted))
        {
            throw SignInAgain();
        }
    }

    private static ProblemException SignInAgain() =>
        ProblemException.Unauthorized("The sign-in has ended (signed out, password changed, or role changed). Sign in again.");
}
