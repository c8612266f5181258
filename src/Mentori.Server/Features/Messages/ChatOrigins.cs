using Mentori.Server.Infrastructure.Email;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Features.Messages;

/// <summary>The <c>Chat</c> section: the web origins, besides <c>Email:PublicUrl</c>'s, whose pages may open the chat hub.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// A browser sends the sign-in cookie with a WebSocket that any site's page opens, and names that page's origin. So a
/// hub request with an <c>Origin</c> must come from Mentori's own public URL (or a configured one), or it is 403.
/// Clients that are not browsers send no <c>Origin</c> and authenticate with a token, which no other site holds.
/// </summary>
public static class ChatOrigins
{
    public static IApplicationBuilder UseChatOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(ChatHub.Path, StringComparison.OrdinalIgnoreCase)
            && context.Request.Headers.Origin is { Count: > 0 } origin
            && !IsAllowed(context.RequestServices, origin.ToString()))
        {
            throw ProblemException.Forbidden(ProblemTypes.OriginNotAllowed, "This site may not open the chat",
                "The chat accepts connections from Mentori's own pages only.");
        }

        await next(context);
    });

    private static bool IsAllowed(IServiceProvider services, string origin)
    {
        var publicUrl = services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicUrl;
        var allowed = services.GetRequiredService<IOptions<ChatOptions>>().Value.AllowedOrigins.Append(publicUrl);
        return allowed.Any(url => Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
