using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mentori.Data;
using Mentori.Data.Entities;

namespace Mentori.Server.Infrastructure.Hosting;

/// <summary>
/// Mentori's own traces and metrics, both named <see cref="Name"/>: a span per pass of each background service
/// (<see cref="Source"/>), and what the passes did (<see cref="MentoriMetrics"/>). Exported with ASP.NET Core's,
/// Npgsql's, SignalR's and the runtime's when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (TelemetryRegistration).
/// </summary>
public static class MentoriTelemetry
{
    public const string Name = "Mentori";

    public static readonly ActivitySource Source = new(Name);
}

/// <summary>
/// The counters of the background work, on a meter of the app's own <see cref="IMeterFactory"/> (one per host, so
/// two instances in one process count apart), and the outbox's depth, read from the database when collected.
/// </summary>
public sealed class MentoriMetrics
{
    public MentoriMetrics(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        var meter = meters.Create(MentoriTelemetry.Name);
        EmailsSent = meter.CreateCounter<long>("mentori.emails.sent", "{email}", "Emails handed to the SMTP server or the pickup folder.");
        EmailsFailed = meter.CreateCounter<long>("mentori.emails.failed", "{attempt}", "Attempts to send an email that failed; each is retried until the outbox gives up.");
        RemindersQueued = meter.CreateCounter<long>("mentori.reminders.queued", "{reminder}", "Reminders queued, by kind (session, answer).");
        RequestsExpired = meter.CreateCounter<long>("mentori.requests.expired", "{request}", "Session requests declined because their mentor did not answer in time.");
        Backups = meter.CreateCounter<long>("mentori.backups", "{backup}", "Backups taken, by result (verified, failed).");
        meter.CreateObservableGauge("mentori.outbox.depth", () => QueuedEmails(scopes), "{email}", "Emails in the outbox not yet sent or given up.");
    }

    public Counter<long> EmailsSent { get; }
    public Counter<long> EmailsFailed { get; }
    public Counter<long> RemindersQueued { get; }
    public Counter<long> RequestsExpired { get; }
    public Counter<long> Backups { get; }

    private static long QueuedEmails(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<MentoriDb>().EmailOutbox.LongCount(e => e.Status == OutboxEmailStatus.Queued);
    }
}
