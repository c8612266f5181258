using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Redis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>
/// Per-IP limits on the endpoints attackers hammer, per-user limits on the writes that cost others (emails, stored
/// files), and one limit on every write, with ASP.NET Core's limiter counting in <see cref="IRateCounters"/> (with
/// Redis, across instances); 429 with Retry-After. Behind a reverse proxy, set ForwardedHeaders:KnownProxies so the
/// client's address, not the proxy's, counts.
/// </summary>
public static class RateLimitingRegistration
{
    public const string SignIn = "sign-in";
    public const string Refresh = "refresh";
    public const string Register = "register";
    public const string ForgotPassword = "forgot-password";
    public const string ResendVerification = "resend-verification";
    public const string VerifyEmail = "verify-email";
    public const string SessionRequests = "session-requests";
    public const string Messages = "messages";
    public const string PhotoUploads = "photo-uploads";

    public static IServiceCollection AddMentoriRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AccountRateLimits>();
        if (configuration.RedisConnectionString() is null)
        {
            services.AddSingleton<IRateCounters, MemoryRateCounters>();
        }
        else
        {
            services.AddSingleton<IRateCounters, RedisRateCounters>();
        }

        services.AddRateLimiter(limiter =>
        {
            // The web UI's account pages carry these policies too ([EnableRateLimiting] on the page): only their
            // posts count, and against the same budget as the API's endpoint, so neither way doubles an attacker's tries.
            limiter.AddPolicy(SignIn, context => PerIpWrite(context, nameof(RateLimitingOptions.SignInPerIp), options => options.SignInPerIp));
            limiter.AddPolicy(Refresh, context => PerIpWrite(context, nameof(RateLimitingOptions.RefreshPerIp), options => options.RefreshPerIp));
            limiter.AddPolicy(Register, context => PerIpWrite(context, nameof(RateLimitingOptions.RegisterPerIp), options => options.RegisterPerIp));
            limiter.AddPolicy(ForgotPassword, context =>
                PerIpWrite(context, nameof(RateLimitingOptions.ForgotPasswordPerIp), options => options.ForgotPasswordPerIp));
            limiter.AddPolicy(ResendVerification, context =>
                PerIpWrite(context, nameof(RateLimitingOptions.ResendVerificationPerIp), options => options.ResendVerificationPerIp));
            limiter.AddPolicy(VerifyEmail, context => PerIpWrite(context, nameof(RateLimitingOptions.VerifyEmailPerIp), options => options.VerifyEmailPerIp));
            limiter.AddPolicy(SessionRequests, context =>
                PerUser(context, nameof(RateLimitingOptions.SessionRequestsPerUser), options => options.SessionRequestsPerUser));
            limiter.AddPolicy(Messages, context => PerUser(context, nameof(RateLimitingOptions.MessagesPerUser), options => options.MessagesPerUser));
            limiter.AddPolicy(PhotoUploads, context =>
                PerUser(context, nameof(RateLimitingOptions.PhotoUploadsPerUser), options => options.PhotoUploadsPerUser));
            // Endpoints with a policy of their own (sign-in, refresh, messages ...) are counted by it alone.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsWrite(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null
                    ? PerUser(context, nameof(RateLimitingOptions.WritesPerUser), options => options.WritesPerUser)
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = WriteProblemAsync;
        });
        return services;
    }

    private static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static RateLimitPartition<string> PerIpWrite(HttpContext context, string name, Func<RateLimitingOptions, RateLimitRule> rule) =>
        IsWrite(context.Request.Method) ? Partition(context, name, "ip:" + ClientAddress.KeyOf(context), rule) : RateLimitPartition.GetNoLimiter("");

    /// <summary>Signed in, the user is counted wherever they come from; signed out, the address.</summary>
    private static RateLimitPartition<string> PerUser(HttpContext context, string name, Func<RateLimitingOptions, RateLimitRule> rule) =>
        Partition(context, name,
            context.User.FindFirstValue(MentoriClaims.UserId) is { Length: > 0 and <= 64 } user ? "user:" + user : "ip:" + ClientAddress.KeyOf(context), rule);

    /// <summary>The key's window of the rule, counted where the account limits count (with Redis: across instances).</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, string name, string key, Func<RateLimitingOptions, RateLimitRule> rule)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var counters = context.RequestServices.GetRequiredService<IRateCounters>();
        return options.Enabled
            ? RateLimitPartition.Get(key, partition => new CountedRateLimiter(counters, name, rule(options), partition))
            : RateLimitPartition.GetNoLimiter(key);
    }

    private static async ValueTask WriteProblemAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var problem = ProblemException.TooManyRequests(retryAfter);
        var context = rejected.HttpContext;
        context.Response.StatusCode = problem.Status;
        context.Response.Headers.RetryAfter = problem.RetryAfterSeconds!.Value.ToString(CultureInfo.InvariantCulture);
        if (Components.WebUiRegistration.IsUiPath(context.Request.Path))
        {
            // A person at a form reads a sentence, not a problem document.
            context.Response.ContentType = "text/plain; charset=utf-8";
            var seconds = problem.RetryAfterSeconds.Value;
            var delay = seconds < 120 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes";
            await context.Response.WriteAsync($"Too many tries from your network. Please wait {delay}, then go back and try again.", cancellationToken);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = problem.Status, Type = problem.Type, Title = problem.Title, Detail = problem.Detail },
        });
    }
}
