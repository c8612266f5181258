namespace Mentori.Server.Infrastructure.Hosting;

/// <summary>
/// The loop of a background service that works every interval of the injected clock (so tests move it): a pass
/// that fails is reported and the next one runs on time; only the host's stop ends the loop.
/// </summary>
public static class PeriodicWork
{
    public static async Task RunAsync(TimeProvider clock, TimeSpan interval, Func<CancellationToken, Task> pass, Action<Exception> failed,
        CancellationToken stoppingToken, bool passFirst = false)
    {
        using var timer = new PeriodicTimer(interval, clock);
        if (passFirst)
        {
            await RunPassAsync(pass, failed, stoppingToken);
        }

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunPassAsync(pass, failed, stoppingToken);
        }
    }

    /// <summary>One pass, in a span of its own named by the service and its method (<c>RequestExpiry.ExpireDueAsync</c>).</summary>
    private static async Task RunPassAsync(Func<CancellationToken, Task> pass, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var activity = MentoriTelemetry.Source.StartActivity($"{pass.Method.DeclaringType?.Name}.{pass.Method.Name}");
        try
        {
            await pass(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
            failed(exception);
        }
    }
}
