using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.Access;

/// <summary>Reads the audit trail for administrators and for a person's "who has looked at my record".</summary>
public class AuditReader(UpcareDbContext db, AuditChainer chainer, AuditCheckpoints checkpoints)
{
    public const int PageSize = 100;

    /// <summary>The newest entries first, optionally only those about one person, only refusals or only break glass.</summary>
    public Task<List<AuditEntry>> LatestAsync(Guid? personId, bool refusedOnly, bool breakGlassOnly, long? before, CancellationToken ct = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (personId is { } pid)
        {
            query = query.Where(e => e.PersonId == pid);
        }
        if (refusedOnly)
        {
            query = query.Where(e => e.Outcome == AuditOutcome.Refused);
        }
        if (breakGlassOnly)
        {
            query = query.Where(e => e.BreakGlass);
        }
        if (before is { } b)
        {
            query = query.Where(e => e.Id < b);
        }
        // In the order stored: an entry not yet chained is shown all the same.
        return query.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>
    /// The people these entries name: the one they are filtered to, and people whose own accounts acted (the trail
    /// shows their names).
    /// </summary>
    public async Task<List<Guid>> PeopleNamedAsync(IReadOnlyList<AuditEntry> entries, Guid? about, CancellationToken ct = default)
    {
        var actors = entries.Where(e => e.Role == nameof(UserRole.Person) && e.UserId != null).Select(e => e.UserId!.Value).Distinct().ToList();
        var named = actors.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id) && u.PersonId != null).Select(u => u.PersonId!.Value).ToListAsync(ct);
        if (about is { } person)
        {
            named.Add(person);
        }
        return named;
    }

    /// <summary>Chains what is waiting, then checks every link of the chain, streaming, from the first entry.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await chainer.ChainPendingAsync(ct);
        return await AuditChain.VerifyAsync(db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).AsAsyncEnumerable(),
            checkpoints.Key, await checkpoints.ReadAsync(ct), ct);
    }
}
