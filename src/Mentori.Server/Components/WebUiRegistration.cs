using Mentori.Server.Features.Accounts;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Antiforgery;

namespace Mentori.Server.Components;

/// <summary>
/// The web UI: Blazor components rendered on the server (static by default), with its assets served by Mentori
/// itself. The pages call the feature services in-process, never Mentori's own HTTP API.
/// </summary>
public static class WebUiRegistration
{
    public const string NotFoundPath = "/not-found";
    public const string ErrorPath = "/error";
    public const string SignOutPath = "/sign-out";
    public const string SignInPath = "/sign-in";
    public const string NotAllowedPath = "/not-allowed";

    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents(); // the live parts only (LiveFeed); every page is static
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitSignInCheck>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<LiveFeed>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(provider => provider.GetRequiredService<CircuitConnection>());
        return services;
    }

    /// <summary>
    /// A browser asking for a page that does not exist gets the "not found" page (still a 404), and one whose page
    /// failed gets the error page (a 500, with the request's reference and nothing internal); API clients keep their
    /// problem documents.
    /// </summary>
    public static WebApplication UseWebUiStatusPages(this WebApplication app)
    {
        app.UseWhen(IsPageRequest, page => page
            .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = ErrorPath, CreateScopeForErrors = true })
            .UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true));
        return app;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        // Run from a build (not a publish), static assets add a catch-all GET route for files added after the
        // build; it would turn every unknown API call with another method into a 405 instead of a 404.
        app.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // Posted by the layout's sign-out button (a plain form, with the antiforgery token); then home. The token is
        // checked here: the antiforgery middleware only checks endpoints that read a form, and this one reads none.
        app.MapPost(SignOutPath, async Task<IResult> (HttpContext context, IAntiforgery antiforgery, SignInService signIns, CancellationToken cancellationToken) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return TypedResults.BadRequest();
                }

                if (context.IsCookieAuthenticated())
                {
                    await signIns.EndCookieSignInAsync(context, cancellationToken);
                    Flash.Set(context, Flash.SignedOut);
                }

                return TypedResults.LocalRedirect("/");
            })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Whether a path is the web UI's: everything but the API and the hubs, which answer in status codes.</summary>
    public static bool IsUiPath(PathString path) =>
        !path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments(AuthenticationRegistration.HubsPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>A browser asking for a page: a GET of a UI path that accepts HTML.</summary>
    public static bool IsPageRequest(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && IsUiPath(context.Request.Path)
        && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
