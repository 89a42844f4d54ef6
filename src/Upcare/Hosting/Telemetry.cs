using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Upcare.Hosting;

/// <summary>The <c>Upcare:Telemetry</c> configuration section.</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// The OTLP/HTTP collector to send traces, metrics and logs to, like http://otel-collector:4318 (each signal to its
    /// /v1/… path). Empty: nothing is exported, and the app still records what it would send.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Headers for the collector (an API key, say), as <c>name=value,name=value</c>.</summary>
    public string? OtlpHeaders { get; set; }

    /// <summary>How often metrics are sent.</summary>
    public int MetricsEverySeconds { get; set; } = 60;
}

/// <summary>
/// OpenTelemetry for Upcare: traces of requests, outgoing HTTP and PostgreSQL commands; metrics of the same, the
/// runtime, and each background job; logs with the trace id as every line's correlation id. Exported by OTLP only when
/// a collector is configured.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "upcare";

    public static WebApplicationBuilder AddUpcareTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Upcare:Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection("Upcare:Telemetry"));
        var collector = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint.TrimEnd('/') + "/");
        void Otlp(OtlpExporterOptions o, string path)
        {
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.Endpoint = new Uri(collector!, path);
            o.Headers = options.OtlpHeaders;
        }
        // Every log line carries the trace and span ids, so a person's error page reference finds its logs and trace.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource(JobMetrics.SourceName);
                if (collector is not null)
                {
                    t.AddOtlpExporter(o => Otlp(o, "v1/traces"));
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(JobMetrics.MeterName);
                if (collector is not null)
                {
                    m.AddOtlpExporter((o, reader) =>
                    {
                        Otlp(o, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Math.Max(1, options.MetricsEverySeconds) * 1000;
                    });
                }
            })
            .WithLogging(l =>
            {
                if (collector is not null)
                {
                    l.AddOtlpExporter(o => Otlp(o, "v1/logs"));
                }
            }, o => (o.IncludeScopes, o.IncludeFormattedMessage) = (true, true));
        return builder;
    }

    /// <summary>Answers each request with its correlation id (the W3C trace id), which error pages show as a reference.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.Headers["X-Correlation-Id"] = CorrelationId(context);
        await next();
    });

    public static string CorrelationId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}

/// <summary>Metrics of the background jobs: when each last succeeded, and how late it is against its schedule.</summary>
public sealed class JobMetrics : IDisposable
{
    public const string MeterName = "Upcare.Jobs";
    public const string SourceName = "Upcare.Jobs";

    private readonly Meter _meter = new(MeterName);
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, (DateTimeOffset LastSuccess, TimeSpan Every)> _jobs = [];
    private readonly Lock _lock = new();
    private readonly Counter<long> _failures;

    public static readonly ActivitySource Source = new(SourceName);

    public JobMetrics(TimeProvider clock)
    {
        _clock = clock;
        _meter.CreateObservableGauge("upcare.job.last_success", () => Measure(j => j.LastSuccess.ToUnixTimeSeconds()), "s",
            "When the job last ran to the end on this instance (Unix time)");
        _meter.CreateObservableGauge("upcare.job.lag", () => Measure(j => Math.Max(0, (_clock.GetUtcNow() - j.LastSuccess - j.Every).TotalSeconds)), "s",
            "How long past its next due run the job is on this instance: 0 while on time");
        _failures = _meter.CreateCounter<long>("upcare.job.failures", description: "Runs that failed");
    }

    public void Failed(string job) => _failures.Add(1, new KeyValuePair<string, object?>("job", job));

    public void Succeeded(string job, TimeSpan every)
    {
        lock (_lock)
        {
            _jobs[job] = (_clock.GetUtcNow(), every);
        }
    }

    /// <summary>When the job last succeeded on this instance, or null.</summary>
    public DateTimeOffset? LastSuccess(string job)
    {
        lock (_lock)
        {
            return _jobs.TryGetValue(job, out var j) ? j.LastSuccess : null;
        }
    }

    private IEnumerable<Measurement<double>> Measure(Func<(DateTimeOffset LastSuccess, TimeSpan Every), double> value)
    {
        lock (_lock)
        {
            return _jobs.Select(j => new Measurement<double>(value(j.Value), new KeyValuePair<string, object?>("job", j.Key))).ToList();
        }
    }

    public void Dispose() => _meter.Dispose();
}
