using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Mentori.Data.Entities;
using Mentori.Server.Features.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Host;

/// <summary>
/// Issue 17: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, Mentori exports traces and metrics by OTLP (here to a
/// receiver of the test's own); its background work is counted on its meter <c>Mentori</c>.
/// </summary>
public abstract class TelemetryTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact(Timeout = 120_000)]
    public async Task With_an_otlp_endpoint_requests_are_exported_as_traces_and_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var port = LoopbackPort.Free();
        var receiver = WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var collector = receiver.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync(ct);

        await using (var app = new MentoriApp(Database)
            .WithSetting("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{port}")
            .WithSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/v1/mentors", ct)).StatusCode);
        } // a stop flushes what is batched

        // The background services' spans may come in an export of their own, before the request's.
        string Traces() => Encoding.UTF8.GetString(received.Where(r => r.Path == "/v1/traces").SelectMany(r => r.Body).ToArray());
        await WaitUntilAsync(() => Task.FromResult(Traces().Contains("/api/v1/mentors", StringComparison.Ordinal) && received.Any(r => r.Path == "/v1/metrics")));
        Assert.Contains("mentori", Traces()); // service.name
        await collector.StopAsync(ct);
    }

    [Fact]
    public async Task Expired_requests_are_counted_on_the_mentori_meter()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, availability: TestData.AllWeek(), timezone: "UTC");
        await using var app = new MentoriApp(Database).WithClock(clock);
        var mentee = await SignInAsync(app, await Database.SeedUserAsync(UserRole.Mentee));
        var time = clock.Now.UtcDateTime.AddDays(5);
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(mentee, mentor.Id, new DateTime(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc))).StatusCode);
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var expired = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == "Mentori" && instrument.Meter.Scope == factory && instrument.Name == "mentori.requests.expired")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref expired, value));
        listener.Start();

        clock.Advance(TimeSpan.FromHours(48));
        var declined = await app.Services.GetRequiredService<RequestExpiry>().ExpireDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, declined);
        Assert.Equal(1, Interlocked.Read(ref expired));
    }
}

public sealed class TelemetryOnPostgres(PostgresServer server) : TelemetryTests(server);

public sealed class TelemetryOnSqlite(SqliteFiles server) : TelemetryTests(server);
