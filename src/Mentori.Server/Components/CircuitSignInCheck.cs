using Mentori.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Mentori.Server.Components;

/// <summary>
/// A live circuit keeps the user it started with; every 30 seconds this asks the same question as each request's
/// check (<see cref="SignedInUserCheck"/>): is the account still active, its role the same, its sign-in not ended?
/// When not, the circuit's user becomes anonymous: an open thread says so and stops, and the next page leads to sign-in.
/// </summary>
public sealed class CircuitSignInCheck(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => UserStatusCache.MaxAge;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            return await SignedInUserCheck.RefusalInScopeAsync(authenticationState.User, scopes, cancellationToken) is null;
        }
        catch (ObjectDisposedException)
        {
            return true; // the server is stopping, and the circuit with it
        }
    }
}
