using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.SupportNetworks;

/// <summary>One change between a snapshot and the one before it, in words.</summary>
public sealed record SnapshotChange(string Name, string What);

/// <summary>A snapshot with its entries, and how it differs from the snapshot before it (none for the first).</summary>
public sealed record SnapshotView(SupportNetworkSnapshot Snapshot, IReadOnlyList<SnapshotEntry> Entries, SupportNetworkSnapshot? Previous, IReadOnlyList<SnapshotChange> Changes);

/// <summary>The snapshots of a support network, each compared with the one before, so its growth shows between first conversation and discharge.</summary>
public sealed class SupportNetworkHistory(UpcareDbContext db, SupportNetworkAccess networkAccess)
{
    /// <summary>The snapshot, or null with the refusal (audited), or null with an allowed decision when there is no such snapshot.</summary>
    public async Task<(SupportNetworkDecision Decision, SnapshotView? View)> GetAsync(Guid personId, Guid snapshotId, CancellationToken ct = default)
    {
        var decision = await networkAccess.CheckAsync(personId, "support-network-read", ct);
        if (!decision.Allowed)
        {
            return (decision, null);
        }
        var snapshot = await db.SupportNetworkSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == snapshotId && s.PersonId == personId, ct);
        if (snapshot is null)
        {
            return (decision, null);
        }
        var previous = (await db.SupportNetworkSnapshots.AsNoTracking().Where(s => s.PersonId == personId && s.Id != snapshotId).ToListAsync(ct))
            .Where(s => s.TakenAt <= snapshot.TakenAt).OrderByDescending(s => s.TakenAt).FirstOrDefault();
        var entries = SupportNetworkService.Entries(snapshot);
        return (decision, new SnapshotView(snapshot, entries, previous, previous is null ? [] : Compare(SupportNetworkService.Entries(previous), entries)));
    }

    /// <summary>What was added, taken off, moved between rings or now gives something else, from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static List<SnapshotChange> Compare(IReadOnlyList<SnapshotEntry> before, IReadOnlyList<SnapshotEntry> after)
    {
        var changes = new List<SnapshotChange>();
        foreach (var e in after)
        {
            if (before.FirstOrDefault(b => b.Id == e.Id) is not { } was)
            {
                changes.Add(new(e.Name, $"Added: {SupportNetworkService.Describe(e.Ring).ToLowerInvariant()}"));
                continue;
            }
            if (was.Ring != e.Ring)
            {
                changes.Add(new(e.Name, $"{(e.Ring < was.Ring ? "Moved closer" : "Moved further out")}: from {SupportNetworkService.Describe(was.Ring).ToLowerInvariant()} to {SupportNetworkService.Describe(e.Ring).ToLowerInvariant()}"));
            }
            if (was.Gives != e.Gives)
            {
                changes.Add(new(e.Name, $"Now gives {SupportNetworkService.Describe(e.Gives)}"));
            }
        }
        changes.AddRange(before.Where(b => after.All(a => a.Id != b.Id)).Select(b => new SnapshotChange(b.Name, "Taken off the map")));
        return changes;
    }
}
