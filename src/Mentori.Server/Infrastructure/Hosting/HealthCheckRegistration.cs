using Mentori.Server.Infrastructure.Database;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Mentori.Server.Infrastructure.Hosting;

public static class HealthCheckRegistration
{
    private const string Ready = "ready";

    public static IServiceCollection AddMentoriHealthChecks(this IServiceCollection services)
    {
        // A bounded wait: an orchestrator asking "ready?" wants an answer, not a 15-second connect timeout.
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers too (else 503).</summary>
    public static WebApplication MapMentoriHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}
