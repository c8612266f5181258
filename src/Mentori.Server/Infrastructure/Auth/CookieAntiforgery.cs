using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// A browser sends the sign-in cookie with every request, including ones another site makes it send. So an API
/// request that changes something and is authenticated by the cookie must also carry the antiforgery token
/// (header <see cref="HeaderName"/>, from <c>GET /api/v1/auth/antiforgery</c>). Bearer tokens are never sent by a
/// browser on its own and need no such proof.
/// </summary>
public static class CookieAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static IServiceCollection AddCookieAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            options.HeaderName = HeaderName;
            options.Cookie.Name = "mentori.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsCookieAuthenticatedChange(context))
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
        }

        await next(context);
    });

    public static bool IsCookieAuthenticated(this HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    private static bool IsCookieAuthenticatedChange(HttpContext context) =>
        // Routing matches paths case-insensitively, so this test must too, or /API/... would skip it.
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && context.IsCookieAuthenticated();
}
