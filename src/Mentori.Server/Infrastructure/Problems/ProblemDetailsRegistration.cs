using Microsoft.AspNetCore.Http.Json;

namespace Mentori.Server.Infrastructure.Problems;

public static class ProblemDetailsRegistration
{
    /// <summary>
    /// Every error the host produces is an RFC 9457 document: exceptions through <see cref="ExceptionProblemHandler"/>,
    /// empty 4xx/5xx responses (unknown route, wrong method) through the status-code-pages middleware.
    /// </summary>
    public static IServiceCollection AddMentoriProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path);
        services.AddExceptionHandler<ExceptionProblemHandler>();

        // Bad requests (malformed JSON, wrong content type, oversized body) are thrown rather than answered with
        // an empty 400, so the handler can say what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseMentoriProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
