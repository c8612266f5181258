using System.Security.Claims;
using Mentori.Data;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Messages;

/// <summary>
/// The web UI's live chat runs on the server (a Blazor circuit), so it listens to the chat hub as any client does:
/// a hub connection of the signed-in user to this instance's own <c>/hubs/chat</c>, over loopback. That makes it one
/// of the user's connections like a phone's, so pushes from any instance arrive through the Redis backplane, the
/// unread-message email knows the user is reading, and ending the sign-in closes it. Its access token is issued for
/// the same sign-in (token family) as the page's cookie, afresh on every (re)connect.
/// </summary>
public sealed class ChatLoopback(IServer server, IServiceScopeFactory scopes, IConfiguration configuration)
{
    public HubConnection Connect(ClaimsPrincipal user) => new HubConnectionBuilder()
        .WithUrl(new Uri(SelfAddress(), ChatHub.Path), options =>
        {
            options.AccessTokenProvider = () => TokenAsync(user);
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        })
        .AddJsonProtocol(options => JsonRegistration.Apply(options.PayloadSerializerOptions))
        .WithAutomaticReconnect(new ForeverRetry())
        .Build();

    private async Task<string?> TokenAsync(ClaimsPrincipal user)
    {
        await using var scope = scopes.CreateAsyncScope();
        var userId = user.GetUserId();
        var account = await scope.ServiceProvider.GetRequiredService<MentoriDb>().Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId);
        return account is null || !Guid.TryParse(user.FindFirstValue(MentoriClaims.SignInId), out var familyId)
            ? null // deleted meanwhile: the hub refuses, and the page stops listening
            : scope.ServiceProvider.GetRequiredService<AccessTokenIssuer>().Issue(account, familyId);
    }

    /// <summary>
    /// Where this instance listens, as a client on the same machine reaches it: <c>Chat:LoopbackUrl</c> when set, else
    /// the first plain-HTTP address Kestrel listens on (a wildcard host read as the loopback one).
    /// </summary>
    private Uri SelfAddress()
    {
        if (configuration["Chat:LoopbackUrl"] is { Length: > 0 } configured)
        {
            return new Uri(configured);
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.OrderByDescending(a => a.StartsWith("http:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault()
            ?? throw new InvalidOperationException("The server listens on no address the chat can reach; set Chat:LoopbackUrl.");
        return new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]"));
    }

    /// <summary>Retries for as long as the page is open: 0, 2, 5 and 10 seconds, then every 30.</summary>
    private sealed class ForeverRetry : IRetryPolicy
    {
        private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(30);
    }
}
