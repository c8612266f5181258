using Mentori.Server.Infrastructure.Email;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Hosting;

/// <summary>
/// What every response says about how a browser may treat it: no content sniffing, no framing by other sites,
/// only the origin as referrer to other sites, and (outside Development) HTTPS only, remembered. Cookies are
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

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";

                // A page that sets its own policy (the web UI) keeps it; it must forbid framing too.
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static CookieSecurePolicy SecurePolicyFor(EmailOptions email) =>
        email.PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}
