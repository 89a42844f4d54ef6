using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.Access;

/// <summary>
/// Gives stored audit entries their place in the hash chain, in the order they were stored. Every instance runs one;
/// on PostgreSQL a transaction-scoped advisory lock lets only one chain at a time, so the chain has no gaps or forks
/// however many instances append. An entry is never lost waiting: it is already stored with the change it records.
/// </summary>
public sealed class AuditChainer(IServiceScopeFactory scopes, AuditCheckpoints checkpoints, TimeProvider clock, Microsoft.Extensions.Options.IOptions<AuditOptions> options, ILogger<AuditChainer> logger)
    : BackgroundService
{
    /// <summary>The advisory lock key for chaining ("audit" in ASCII).</summary>
    private const long LockKey = 0x6175646974;
    private const int MaxBatch = 2000;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _nudge = new(0, 1);
    private DateTimeOffset _lastCheckpoint = DateTimeOffset.MinValue;
    private long _checkpointed;

    /// <summary>Asks for a chaining round soon (entries were just stored).</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try { _nudge.Release(); } catch (SemaphoreFullException) { }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _nudge.WaitAsync(Poll, stoppingToken);
                await ChainPendingAsync(stoppingToken);
                if (checkpoints.Enabled && clock.GetUtcNow() - _lastCheckpoint >= options.Value.CheckpointEvery)
                {
                    await CheckpointAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be down; the entries wait, stored, for the next round.
                logger.LogWarning(e, "Could not chain audit entries; will try again");
                await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Chains every entry stored so far; returns how many it chained.</summary>
    public async Task<int> ChainPendingAsync(CancellationToken ct = default)
    {
        var total = 0;
        int chained;
        do
        {
            chained = await ChainBatchAsync(ct);
            total += chained;
        }
        while (chained == MaxBatch);
        return total;
    }

    /// <summary>Writes a signed checkpoint of the chain's head, if it moved since this instance's last one.</summary>
    public async Task CheckpointAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        var head = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null)
            .OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        _lastCheckpoint = clock.GetUtcNow();
        if (head is { Sequence: { } sequence, Hash: { } hash } && sequence != _checkpointed)
        {
            await checkpoints.WriteAsync(sequence, hash, _lastCheckpoint.UtcDateTime, ct);
            _checkpointed = sequence;
        }
    }

    private async Task<int> ChainBatchAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        if (!await db.AuditEntries.AnyAsync(e => e.Sequence == null, ct))
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // Waits for another instance's round to commit; the head read below then sees its entries.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        }
        var pending = await db.AuditEntries.Where(e => e.Sequence == null).OrderBy(e => e.Id).Take(MaxBatch).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }
        var head = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null)
            .OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditChain.Genesis;
        foreach (var entry in pending)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = AuditChain.HashOf(entry, checkpoints.Key);
            previous = entry.Hash;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return pending.Count;
    }
}
