using System.Globalization;
using System.Threading.RateLimiting;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// Per-IP limits on the endpoints attackers hammer, with ASP.NET Core's limiter; 429 with Retry-After. Behind a
/// reverse proxy, set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so the client's address, not the proxy's, counts.
/// </summary>
public static class RateLimitingRegistration
{
    public const string SignIn = "sign-in";
    public const string Refresh = "refresh";
    public const string Register = "register";
    public const string ForgotPassword = "forgot-password";
    public const string ResendVerification = "resend-verification";

    public static IServiceCollection AddMentoriRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<AccountRateLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignIn, context => PerIp(context, options => options.SignInPerIp));
            limiter.AddPolicy(Refresh, context => PerIp(context, options => options.RefreshPerIp));
            limiter.AddPolicy(Register, context => PerIp(context, options => options.RegisterPerIp));
            limiter.AddPolicy(ForgotPassword, context => PerIp(context, options => options.ForgotPasswordPerIp));
            limiter.AddPolicy(ResendVerification, context => PerIp(context, options => options.ResendVerificationPerIp));
            limiter.OnRejected = WriteProblemAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerIp(HttpContext context, Func<RateLimitingOptions, RateLimitRule> rule)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return options.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(address, _ => AccountRateLimits.FixedWindow(rule(options)))
            : RateLimitPartition.GetNoLimiter(address);
    }

    private static async ValueTask WriteProblemAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var problem = ProblemException.TooManyRequests(retryAfter);
        var context = rejected.HttpContext;
        context.Response.StatusCode = problem.Status;
        context.Response.Headers.RetryAfter = problem.RetryAfterSeconds!.Value.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = problem.Status, Type = problem.Type, Title = problem.Title, Detail = problem.Detail },
        });
    }
}
