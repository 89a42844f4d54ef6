using Microsoft.Extensions.Options;

namespace Upcare.Access;

/// <summary>
/// Refusals of people not signed in, rate-limited: the first on each route in a window is written at once, the rest
/// are counted and written as one entry when the window closes. Anyone can send these without limit, so one entry
/// each would let a stranger fill the trail; requests to paths that do not exist count together under one route.
/// </summary>
public sealed class AnonymousRefusals(AuditTrail audit, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AnonymousRefusals> logger) : BackgroundService
{
    private sealed class Window(DateTime started)
    {
        public DateTime Started { get; } = started;
        public int More { get; set; }
    }

    private readonly Dictionary<string, Window> _windows = [];
    private readonly Lock _gate = new();

    private TimeSpan Every => options.Value.AnonymousRefusalsEvery;

    /// <summary>Records the refusal, or counts it when this route already had one in the window.</summary>
    public Task RecordAsync(string action, string route, Guid? personId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<AuditEvent> write;
        lock (_gate)
        {
            if (_windows.TryGetValue(route, out var open) && now - open.Started < Every)
            {
                open.More++;
                return Task.CompletedTask;
            }
            // The route's last window (if any) closes with its count, and this refusal opens the next.
            write = [new AuditEvent(null, "anonymous", "none", personId, action, route, AuditOutcome.Refused, reason), .. Take(route)];
            _windows[route] = new Window(now);
        }
        return WriteAsync(write, ct);
    }

    /// <summary>Writes the counts of every window that has closed (all of them with <paramref name="all"/>).</summary>
    public Task FlushAsync(bool all = false, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<AuditEvent> summaries;
        lock (_gate)
        {
            var closed = _windows.Where(w => all || now - w.Value.Started >= Every).Select(w => w.Key).ToList();
            summaries = closed.SelectMany(route => Take(route)).ToList();
        }
        return WriteAsync(summaries, ct);
    }

    private IEnumerable<AuditEvent> Take(string route)
    {
        if (!_windows.Remove(route, out var window) || window.More == 0)
        {
            return [];
        }
        return [new AuditEvent(null, "anonymous", "none", null, "refused", route, AuditOutcome.Refused,
            $"{window.More} more requests from someone not signed in refused in the {Every.TotalSeconds:0} s from {window.Started:HH:mm:ss} UTC")];
    }

    private async Task WriteAsync(IEnumerable<AuditEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            await audit.RecordAsync(e, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Every, clock, stoppingToken);
                try
                {
                    await FlushAsync(ct: stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not write the counts of refused anonymous requests to the audit trail");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(all: true, cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not write the counts of refused anonymous requests on stopping");
        }
    }
}
