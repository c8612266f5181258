using Mentori.Server.Components;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// A signed-in user refused by an authorization policy (an admin-only route) gets the same 403 problem as a role
/// check in a service (<c>wrong-role</c>), not an empty 403.
/// </summary>
public sealed class ForbiddenAsProblem : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // A page of the web UI instead leads to the "not allowed" page (the cookie's access-denied path).
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true && !WebUiRegistration.IsUiPath(context.Request.Path))
        {
            throw ProblemException.Forbidden(ProblemTypes.WrongRole, "You may not do this", "This route is for another role.");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
