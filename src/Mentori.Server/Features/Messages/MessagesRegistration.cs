using Mentori.Server.Infrastructure.Hosting;
using Mentori.Server.Infrastructure.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Mentori.Server.Features.Messages;

public static class MessagesRegistration
{
    public static IServiceCollection AddMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<MessageService>();
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<ChatNotifier>();
        services.AddSingleton<ChatLoopback>();
        services.AddSingleton<ChatConnections>();
        services.AddHostedService(provider => provider.GetRequiredService<ChatConnections>());
        services.AddSingleton<ChatPresence>();
        services.AddHostedService(provider => provider.GetRequiredService<ChatPresence>());
        services.AddSingleton<UnreadMessageEmails>();
        services.AddHostedService(provider => provider.GetRequiredService<UnreadMessageEmails>());
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        var signalR = services.AddSignalR().AddJsonProtocol(options => JsonRegistration.Apply(options.PayloadSerializerOptions));
        if (configuration.RedisConnectionString() is { } redis)
        {
            signalR.AddStackExchangeRedis(redis, options =>
            {
                options.Configuration.ChannelPrefix = RedisChannel.Literal("mentori");
                options.Configuration.AbortOnConnectFail = false;
                options.Configuration.BacklogPolicy = BacklogPolicy.FailFast; // a push while Redis is away fails at once and goes local
            });
            services.AddSingleton(typeof(DefaultHubLifetimeManager<>));
            services.Replace(ServiceDescriptor.Singleton(typeof(HubLifetimeManager<>), typeof(FallbackHubLifetimeManager<>)));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapChatHub(this IEndpointRouteBuilder app)
    {
        // A connection ends when its access token expires, and at once when its sign-in ends (ChatConnections).
        app.MapHub<ChatHub>(ChatHub.Path, options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
