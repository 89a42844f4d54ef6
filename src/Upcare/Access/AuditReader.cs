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

    /// <summary>Chains what is waiting, then checks every link of the chain, streaming, from the first entry.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await chainer.ChainPendingAsync(ct);
        return await AuditChain.VerifyAsync(db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).AsAsyncEnumerable(),
            checkpoints.Key, await checkpoints.ReadAsync(ct), ct);
    }
}
