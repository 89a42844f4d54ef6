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

    /// <summary>
    /// The secret that keys each entry's link (HMAC-SHA256) and signs checkpoints: from a secret store or environment
    /// variable, never the database. Production will not serve without one of at least 32 characters.
    /// </summary>
    public string? ChainKey { get; set; }

    /// <summary>Where signed checkpoints of the chain's head are appended: storage the database's users cannot rewrite.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>The window in which only the first refusal of someone not signed in, per route, gets an entry of its own.</summary>
    public TimeSpan AnonymousRefusalsEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an instance writes a checkpoint while entries are being added.</summary>
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The append-only audit trail for what changes nothing: reads, searches and refusals. Requests hand it events and wait
/// until they are stored, so nothing is shown that was not audited; one writer stores whatever has queued up in a single
/// insert (a group commit), which keeps the cost per request low. A change is audited with <see cref="AuditEntry.From"/>
/// in its own transaction instead. Either way the entry is stored unchained; <see cref="AuditChainer"/> links it.
/// </summary>
public sealed class AuditTrail(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuditOptions> options, IHostEnvironment environment, AuditChainer chainer, ILogger<AuditTrail> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _skipWrites = options.Value.SkipWritesForBenchmark && environment.IsEnvironment("Benchmark");

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Stored);

    /// <summary>Records the event; completes when it is in the database.</summary>
    public Task RecordAsync(AuditEvent e, CancellationToken ct = default)
    {
        if (_skipWrites)
        {
            return Task.CompletedTask;
        }
        var pending = new Pending(AuditEntry.From(e, clock.GetUtcNow().UtcDateTime), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
                db.AuditEntries.AddRange(batch.Select(p => p.Entry));
                // One batched command: the whole batch is stored, or none of it. No sequence is guessed, so instances never collide.
                await db.SaveChangesAsync(CancellationToken.None);
                batch.ForEach(p => p.Stored.TrySetResult());
                chainer.Nudge();
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
}
