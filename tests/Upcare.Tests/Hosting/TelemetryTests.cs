using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Upcare.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Upcare.Access;
using Upcare.Hosting;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Hosting;

/// <summary>
/// Telemetry as an operator meets it: traces, metrics and logs sent by OTLP to a collector (a local one the test starts,
/// recording what it receives), a correlation id on every answer and failure page, job metrics, and the health probes.
/// </summary>
public sealed class TelemetryTests
{
    /// <summary>A stand-in OpenTelemetry collector: accepts OTLP/HTTP posts on a loopback port and keeps them.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public ConcurrentBag<(string Path, string ContentType, byte[] Body)> Received { get; } = [];

        private Collector(WebApplication app) => _app = app;

        public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost("/v1/{signal}", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                collector.Received.Add((http.Request.Path, http.Request.ContentType ?? "", body.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        public bool Has(string path, string text) =>
            Received.Any(r => r.Path == path && r.ContentType == "application/x-protobuf" && Contains(r.Body, Encoding.UTF8.GetBytes(text)));

        public bool Has(string path, byte[] raw) => Received.Any(r => r.Path == path && Contains(r.Body, raw));

        private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    [Fact]
    public async Task Traces_metrics_and_logs_go_to_the_configured_collector_with_the_answers_correlation_id()
    {
        await using var collector = await Collector.StartAsync();
        var app = new UpcareApp(DatabaseProvider.Sqlite, await UpcareApp.NewDatabaseAsync(DatabaseProvider.Sqlite, "telemetry"),
            new Dictionary<string, string?> { ["Upcare:Telemetry:OtlpEndpoint"] = collector.Url, ["Upcare:Telemetry:MetricsEverySeconds"] = "1" });
        string correlation;
        try
        {
            var admin = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Administrator));
            using var response = await admin.Http.GetAsync("/admin/accounts");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            correlation = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
            Assert.Matches("^[0-9a-f]{32}$", correlation);
            using var missing = await admin.Http.GetAsync("/no-such-page");
            Assert.NotEqual(correlation, Assert.Single(missing.Headers.GetValues("X-Correlation-Id")));
        }
        finally
        {
            // Stopping the app flushes what is still batched.
            await app.DisposeAsync();
        }
        Assert.True(collector.Has("/v1/traces", "admin/accounts"), $"Received: {string.Join(", ", collector.Received.Select(r => r.Path))}");
        Assert.True(collector.Has("/v1/traces", Convert.FromHexString(correlation)), "The trace of the answer carries its correlation id");
        Assert.True(collector.Has("/v1/traces", "upcare"), "Traces name the service");
        Assert.True(collector.Has("/v1/metrics", "http.server.request.duration"));
        Assert.True(collector.Has("/v1/logs", "Now listening") || collector.Has("/v1/logs", "Application started") || collector.Received.Any(r => r.Path == "/v1/logs"));
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Each_job_reports_when_it_last_succeeded_and_how_late_it_is()
    {
        var clock = new Clock { Now = DateTimeOffset.Parse("2026-12-07T12:00:00Z") };
        using var metrics = new JobMetrics(clock);
        var seen = new Dictionary<(string Instrument, string Job), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JobMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => seen[(instrument.Name, (string)tags[0].Value!)] = value);
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => seen[(instrument.Name, (string)tags[0].Value!)] = seen.GetValueOrDefault((instrument.Name, (string)tags[0].Value!)) + value);
        listener.Start();

        metrics.Succeeded("budget-payments", TimeSpan.FromMinutes(1));
        clock.Now += TimeSpan.FromSeconds(30);
        listener.RecordObservableInstruments();
        Assert.Equal(DateTimeOffset.Parse("2026-12-07T12:00:00Z").ToUnixTimeSeconds(), seen[("upcare.job.last_success", "budget-payments")]);
        Assert.Equal(0, seen[("upcare.job.lag", "budget-payments")]);

        // Four minutes with no success: three minutes past when it was next due.
        clock.Now += TimeSpan.FromSeconds(210);
        metrics.Failed("budget-payments");
        listener.RecordObservableInstruments();
        Assert.Equal(180, seen[("upcare.job.lag", "budget-payments")]);
        Assert.Equal(1, seen[("upcare.job.failures", "budget-payments")]);
    }

    [Fact]
    public async Task Live_answers_while_the_database_is_down_and_ready_says_503_with_Retry_After()
    {
        var server = await PostgresServer.StartDedicatedAsync();
        await using var app = new UpcareApp(DatabaseProvider.Postgres, await server.CreateDatabaseAsync("health"));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await server.StopImmediatelyAsync();
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(UnexpectedErrors.RetryAfterSeconds), ready.Headers.RetryAfter?.Delta);
        Assert.Contains("Unreachable", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
