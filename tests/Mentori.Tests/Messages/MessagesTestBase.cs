using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Infrastructure;
using Mentori.Tests.Sessions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Messages;

/// <summary>A mentor and a mentee who share a session, signed in; hub connections to a real Kestrel server.</summary>
public abstract class MessagesTestBase(ITestDatabaseServer server) : SessionsTestBase(server)
{
    protected async Task<(User Mentor, User Mentee, Session Session)> PairAsync(SessionStatus status = SessionStatus.Pending)
    {
        var mentor = await SeedUserAsync(UserRole.Mentor);
        var mentee = await SeedUserAsync(UserRole.Mentee);
        return (mentor, mentee, await SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10), status));
    }

    protected static Task<HttpResponseMessage> SendAsync(HttpClient client, Guid receiverId, string content, Guid? sessionId = null) =>
        client.PostAsJsonAsync("/api/v1/messages", new { receiverId, content, sessionId });

    /// <summary>Signs in and returns the access token (the hub takes it as a query parameter on WebSockets).</summary>
    protected static async Task<string> TokenAsync(MentoriApp app, User user) =>
        AccessToken(await (await LoginAsync(app.CreateClient(), user.Email)).JsonAsync());

    /// <summary>The Kestrel address of an app started with UseKestrel.</summary>
    protected static Uri Address(MentoriApp app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected static async Task<HubConnection> ConnectAsync(MentoriApp app, string token)
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
