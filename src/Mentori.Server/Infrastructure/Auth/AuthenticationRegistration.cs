using Mentori.Server.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// The API accepts a bearer access token or the web UI's cookie: a request with an <c>Authorization</c> header
/// is judged by its token alone, any other by the cookie. <see cref="SignedInUserCheck"/> then checks that the
/// user and the sign-in are still good.
/// </summary>
public static class AuthenticationRegistration
{
    public const string Scheme = "Mentori";

    public static IServiceCollection AddMentoriAuthentication(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<UserStatusCache>();
        services.AddSingleton<SignInStatusCache>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<PasswordHasher>();
        services.AddScoped<VerifiedEmailRule>();
        services.AddSingleton<SignInEndings>();
        services.AddHostedService(provider => provider.GetRequiredService<SignInEndings>());

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 || HubAccessToken(context.Request) is not null
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;

                // Browsers cannot set headers on a WebSocket, so the chat hub takes the token from the query string
                // (api.md); only there, so tokens do not end up in other URLs and their logs.
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token ??= HubAccessToken(context.Request);
                        return Task.CompletedTask;
                    },
                };
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "mentori.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    // An API answers 401/403; a page of the web UI leads to sign-in (and back) or says it is not allowed.
                    OnRedirectToLogin = context => WebUiRegistration.IsUiPath(context.Request.Path)
                        ? Redirect(context, $"{WebUiRegistration.SignInPath}?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}")
                        : WriteStatus(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => WebUiRegistration.IsUiPath(context.Request.Path)
                        ? Redirect(context, WebUiRegistration.NotAllowedPath)
                        : WriteStatus(context, StatusCodes.Status403Forbidden),
                };
            });

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((options, jwt) => options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Value.Issuer,
                ValidAudience = jwt.Value.Audience,
                IssuerSigningKey = AccessTokenIssuer.SigningKey(jwt.Value),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = MentoriClaims.UserId,
                RoleClaimType = MentoriClaims.Role,
            });
        services.AddAuthorization();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ForbiddenAsProblem>();
        return services;
    }

    public const string HubsPath = "/hubs";

    private static string? HubAccessToken(HttpRequest request) =>
        request.Path.StartsWithSegments(HubsPath) && request.Query.TryGetValue("access_token", out var token) && !string.IsNullOrEmpty(token)
            ? token.ToString()
            : null;

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context, string location)
    {
        context.Response.Redirect(location);
        return Task.CompletedTask;
    }

    private static Task WriteStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
