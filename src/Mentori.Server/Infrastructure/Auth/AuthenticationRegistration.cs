using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// The API accepts a bearer access token or the web UI's cookie: a request with an <c>Authorization</c> header
/// is judged by its token alone, any other by the cookie. Either way a deactivated user is turned away.
/// </summary>
public static class AuthenticationRegistration
{
    public const string Scheme = "Mentori";

    public static IServiceCollection AddMentoriAuthentication(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<UserStatusCache>();
        services.AddSingleton<AccessTokenIssuer>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Events = new JwtBearerEvents { OnTokenValidated = RejectInactiveUserAsync };
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
                    // An API answers 401/403; it never redirects to a sign-in page.
                    OnRedirectToLogin = context => WriteStatus(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => WriteStatus(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = RejectInactiveUserAsync,
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
        return services;
    }

    private static async Task RejectInactiveUserAsync(TokenValidatedContext context)
    {
        if (!await IsActiveAsync(context.HttpContext, context.Principal))
        {
            context.Fail("The account is deactivated or no longer exists.");
        }
    }

    private static async Task RejectInactiveUserAsync(CookieValidatePrincipalContext context)
    {
        if (!await IsActiveAsync(context.HttpContext, context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static async Task<bool> IsActiveAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal? principal)
    {
        if (!Guid.TryParse(principal?.FindFirst(MentoriClaims.UserId)?.Value, out var userId))
        {
            return false;
        }

        var status = await context.RequestServices.GetRequiredService<UserStatusCache>().GetAsync(userId, context.RequestAborted);
        return status is { IsActive: true };
    }

    private static Task WriteStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
