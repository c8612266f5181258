using Mentori.Server.Infrastructure.Email;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Hosting;

/// <summary>
/// What every response says about how a browser may treat it: no content sniffing, no framing by other sites,
/// only the origin as referrer to other sites, on the web UI's pages a content security policy with nothing inline, and (outside Development) HTTPS only, remembered. Cookies are
/// <c>Secure</c> whenever the public URL is https, also when TLS ends at a proxy and the request arrives as http.
/// </summary>
public static class SecurityHeaders
{
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .PostConfigure<IOptions<EmailOptions>>((cookie, email) => cookie.Cookie.SecurePolicy = SecurePolicyFor(email.Value));
        services.AddOptions<AntiforgeryOptions>()
            .PostConfigure<IOptions<EmailOptions>>((antiforgery, email) => antiforgery.Cookie.SecurePolicy = SecurePolicyFor(email.Value));
        return services;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        var pagePolicy = PagePolicy(app.Environment);

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";

                // A page of the web UI gets the whole policy, in place of Blazor's own (which says only
                // frame-ancestors); every other response forbids framing, unless it set a policy of its own.
                if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
                {
                    headers.ContentSecurityPolicy = pagePolicy;
                }
                else if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The web UI's pages: scripts, styles, images and connections from Mentori itself only, nothing inline, no
    /// plugins, no other site's forms or frames; a photo being chosen is previewed from the file (<c>blob:</c>). In
    /// Development the IDE's refresh script talks to its own local socket.
    /// </summary>
    public static string PagePolicy(IHostEnvironment environment) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; font-src 'self'; "
        + (environment.IsDevelopment() ? "connect-src 'self' ws://localhost:* wss://localhost:*; " : "connect-src 'self'; ")
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static CookieSecurePolicy SecurePolicyFor(EmailOptions email) =>
        email.PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}
