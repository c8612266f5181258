using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Infrastructure;

/// <summary>
/// The test server has no sockets, so every request comes from no address. This gives a request the peer address a
/// real connection would have, named by the test in the <see cref="Header"/> header (the app never sees the header).
/// </summary>
public static class PeerAddresses
{
    public const string Header = "X-Test-Peer-Address";

    public static MentoriApp WithPeerAddresses(this MentoriApp app) =>
        app.WithServices(services => services.AddSingleton<IStartupFilter, Filter>());

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient From(this HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
