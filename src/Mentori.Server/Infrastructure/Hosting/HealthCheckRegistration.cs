using Mentori.Server.Features.Backups;
using Mentori.Server.Infrastructure.Database;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mentori.Server.Infrastructure.Hosting;

public static class HealthCheckRegistration
{
    private const string Ready = "ready";
    public const string Backups = "backups";

    public static IServiceCollection AddMentoriHealthChecks(this IServiceCollection services)
    {
        // A bounded wait: an orchestrator asking "ready?" wants an answer, not a 15-second connect timeout.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<BackupHealthCheck>("backups", tags: [Backups], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers too (else 503).
    /// <c>/health/backups</c>: a good backup was taken in the last 26 hours (else 503), with its time and the last error.
    /// </summary>
    public static WebApplication MapMentoriHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        app.MapHealthChecks("/health/backups", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Backups),
            ResponseWriter = WriteReportAsync,
        });
        return app;
    }

    /// <summary>The status, what the check said, and its data, as JSON for monitors and people.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        var entry = report.Entries.Values.Single();
        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), description = entry.Description, data = entry.Data });
    }
}
