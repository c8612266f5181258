using System.Security.Claims;
using Mentori.Server.Components;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// A valid signature is not enough: before an endpoint that needs a user runs, the user must still exist and be
/// active (else 403, api.md: "deactivated"), still have the role the token or cookie names, and the
/// sign-in must not have been ended by logout or a password change. Answers are at most 30 seconds old. A page of
/// the web UI instead drops the cookie and goes on as a visitor, so the page's own rules lead to sign-in (and
/// back), with a toast that says why.
/// </summary>
public static class SignedInUserCheck
{
    public static IApplicationBuilder UseSignedInUserCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Every page a browser asks for is checked too, so that a public page stops showing an ended sign-in.
        var pageOfTheUi = WebUiRegistration.IsUiPath(context.Request.Path) && context.IsCookieAuthenticated();
        if (context.User.Identity?.IsAuthenticated == true
            && (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null || (pageOfTheUi && WebUiRegistration.IsPageRequest(context)))
            && await RefusalAsync(context.User, context.RequestServices, context.RequestAborted) is { } refusal)
        {
            if (!pageOfTheUi)
            {
                throw refusal;
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            Flash.Set(context, refusal.Type == ProblemTypes.AccountDeactivated ? Flash.Deactivated : Flash.SignInEnded);
        }

        await next(context);
    });

    /// <summary>Why this sign-in may no longer be used, or null while it may (also asked by the web UI's live circuit).</summary>
    public static async Task<ProblemException?> RefusalAsync(ClaimsPrincipal claims, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(claims.FindFirst(MentoriClaims.UserId)?.Value, out var userId)
            || !Guid.TryParse(claims.FindFirst(MentoriClaims.SignInId)?.Value, out var familyId))
        {
            return SignInAgain();
        }

        var status = await services.GetRequiredService<UserStatusCache>().GetAsync(userId, cancellationToken);
        if (status is null)
        {
            return SignInAgain();
        }

        if (!status.IsActive)
        {
            return ProblemException.AccountDeactivated();
        }

        return !string.Equals(claims.FindFirst(MentoriClaims.Role)?.Value, MentoriClaims.RoleName(status.Role), StringComparison.Ordinal)
            || !await services.GetRequiredService<SignInStatusCache>().IsAliveAsync(familyId, cancellationToken)
            ? SignInAgain()
            : null;
    }

    /// <summary>
    /// <see cref="RefusalAsync"/> in a database scope of its own, for the web UI's live parts, whose circuit lives as
    /// long as its tab (a database context should not).
    /// </summary>
    public static async Task<ProblemException?> RefusalInScopeAsync(ClaimsPrincipal claims, IServiceScopeFactory scopes, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await RefusalAsync(claims, scope.ServiceProvider, cancellationToken);
    }

    private static ProblemException SignInAgain() =>
        ProblemException.Unauthorized("The sign-in has ended (signed out, password changed, or role changed). Sign in again.");
}
