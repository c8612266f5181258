using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Infrastructure;

/// <summary>Hub connections to a real Kestrel server, as a browser opens them.</summary>
public static class ChatClient
{
    /// <summary>The Kestrel address of an app started with UseKestrel.</summary>
    public static Uri Address(MentoriApp app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<HubConnection> ConnectAsync(MentoriApp app, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Address(app), "/hubs/chat"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
