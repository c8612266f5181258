using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mentori.Server.Infrastructure.Hosting;

public static class TelemetryRegistration
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces and metrics by OTLP to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other standard <c>OTEL_*</c> settings,
    /// from the environment or any configuration source), when it is set: requests, outgoing HTTP, PostgreSQL commands
    /// (Npgsql), SignalR, the runtime, and Mentori's own background work. Without it nothing is collected.
    /// </summary>
    public static IServiceCollection AddMentoriTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MentoriMetrics>();
        if (string.IsNullOrWhiteSpace(configuration[EndpointKey]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("mentori"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Microsoft.AspNetCore.SignalR.Server", MentoriTelemetry.Name)
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.SignalR.Server", MentoriTelemetry.Name)
                .AddOtlpExporter());
        return services;
    }
}
