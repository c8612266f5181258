using Mentori.Server.Infrastructure.Auth;

namespace Mentori.Server.Infrastructure.Hosting;

public static class LoggingRegistration
{
    /// <summary>
    /// Outside Development the console writes one JSON object per line (what a container's log collector reads), with
    /// the scopes: ASP.NET Core's request id and trace id, and the signed-in user's id (<see cref="UseUserLogScope"/>).
    /// Messages name people by id only: no email, name, token, password or message text is logged.
    /// </summary>
    public static WebApplicationBuilder AddMentoriLogging(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        return builder;
    }

    /// <summary>
    /// Everything logged while a signed-in request runs carries <c>UserId</c>; after authentication (the exception
    /// handler, which runs before it, adds the same scope to what it logs).
    /// </summary>
    public static IApplicationBuilder UseUserLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Mentori.Requests");
        return app.Use(async (context, next) =>
        {
            using (logger.BeginUserScope(context.User))
            {
                await next(context);
            }
        });
    }

    /// <summary>The <c>UserId</c> scope of a signed-in <paramref name="user"/>; none for a visitor.</summary>
    public static IDisposable? BeginUserScope(this ILogger logger, System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirst(MentoriClaims.UserId)?.Value, out var userId)
            ? logger.BeginScope(new Dictionary<string, object> { ["UserId"] = userId })
            : null;
}
