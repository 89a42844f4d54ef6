using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Data;

namespace Upcare.Access;

/// <summary>Something to write to the audit trail; the trail adds the time, the sequence number and the hashes.</summary>
public sealed record AuditEvent(
    Guid? UserId, string UserName, string Role, Guid? PersonId, string Action, string Route, AuditOutcome Outcome, string? Detail, bool BreakGlass = false);

/// <summary>The <c>Upcare:Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// Only for measuring what auditing costs, and only honoured in the "Benchmark" environment: the trail accepts
    /// events without writing them.
    /// </summary>
    public bool SkipWritesForBenchmark { get; set; }
}

/// <summary>
/// The append-only audit trail. Requests hand it events and wait until they are stored, so nothing is shown that was
/// not audited; one writer stores whatever has queued up in a single transaction (a group commit), which keeps the
/// hash chain in order and the cost per request low.
/// </summary>
public sealed class AuditTrail(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuditOptions> options, IHostEnvironment environment, ILogger<AuditTrail> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _skipWrites = options.Value.SkipWritesForBenchmark && environment.IsEnvironment("Benchmark");

    private sealed record Pending(AuditEvent Event, DateTime At, TaskCompletionSource Stored);

    /// <summary>Records the event; completes when it is in the database.</summary>
    public Task RecordAsync(AuditEvent e, CancellationToken ct = default)
    {
        if (_skipWrites)
        {
            return Task.CompletedTask;
        }
        var pending = new Pending(e, AuditChain.Truncate(clock.GetUtcNow().UtcDateTime), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit trail is closed: the app is stopping.");
        }
        return pending.Stored.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        // Keep draining after the stop signal until the queue is closed and empty, so no accepted event is dropped.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await WriteAsync(batch);
                batch.ForEach(p => p.Stored.TrySetResult());
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not write {Count} audit entries", batch.Count);
                batch.ForEach(p => p.Stored.TrySetException(e));
            }
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    // The end of the chain as this instance last wrote it; null until read, and again after another instance appended.
    private long? _lastSequence;
    private string _lastHash = AuditChain.Genesis;

    private async Task WriteAsync(List<Pending> batch)
    {
        // Another instance may append at the same moment; the sequence number is the key, so one of the two inserts
        // fails on the duplicate and is retried on top of the other's entries.
        for (var attempt = 1; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
            if (_lastSequence is null)
            {
                var last = await db.AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync();
                _lastSequence = last?.Sequence ?? 0;
                _lastHash = last?.Hash ?? AuditChain.Genesis;
            }
            var sequence = _lastSequence.Value;
            var previous = _lastHash;
            foreach (var p in batch)
            {
                var e = p.Event;
                var entry = new AuditEntry
                {
                    Sequence = ++sequence,
                    At = p.At,
                    UserId = e.UserId,
                    UserName = Cut(e.UserName, 200),
                    Role = Cut(e.Role, 30),
                    PersonId = e.PersonId,
                    Action = Cut(e.Action, 40),
                    Route = Cut(e.Route, 200),
                    Outcome = e.Outcome,
                    Detail = e.Detail is null ? null : Cut(e.Detail, AccessLimits.Reason + 100),
                    BreakGlass = e.BreakGlass,
                    PreviousHash = previous,
                };
                entry.Hash = AuditChain.HashOf(entry);
                previous = entry.Hash;
                db.AuditEntries.Add(entry);
            }
            try
            {
                // One batched command: the whole batch is stored, or none of it.
                await db.SaveChangesAsync();
                _lastSequence = sequence;
                _lastHash = previous;
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                _lastSequence = null;
            }
        }
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
