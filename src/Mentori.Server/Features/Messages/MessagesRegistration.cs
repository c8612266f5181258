using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Mentori.Server.Features.Messages;

/// <summary>The <c>Redis</c> section: with a connection string, SignalR pushes reach clients on every instance.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    public string? ConnectionString { get; set; }
}

public static class MessagesRegistration
{
    public static IServiceCollection AddMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<MessageService>();
        services.AddSingleton<ChatNotifier>();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        var signalR = services.AddSignalR();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>()?.ConnectionString;
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal("mentori"));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapChatHub(this IEndpointRouteBuilder app)
    {
        // A connection ends when its access token expires, so a revoked sign-in stops receiving within its lifetime.
        app.MapHub<ChatHub>(ChatHub.Path, options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
