using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Upcare.Data;

namespace Upcare.Organisations;

/// <summary>Reads organisations for other features (practice lists, names).</summary>
public class OrganisationService(UpcareDbContext db, IMemoryCache cache)
{
    /// <summary>Organisations are reference data that every person page shows; a short cache saves a query per page.</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public Task<List<Organisation>> ListAsync(OrganisationKind? kind = null, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking()
            .Where(o => kind == null || o.Kind == kind)
            .OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .ToListAsync(ct);

    public async Task<Organisation?> FindAsync(Guid id, CancellationToken ct = default) =>
        (await AllByIdAsync(ct)).GetValueOrDefault(id);

    /// <summary>Called after organisations are added or changed, so the next page reads them afresh.</summary>
    public void ForgetCached() => cache.Remove(typeof(OrganisationService));

    private async Task<IReadOnlyDictionary<Guid, Organisation>> AllByIdAsync(CancellationToken ct) =>
        await cache.GetOrCreateAsync(typeof(OrganisationService), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return (IReadOnlyDictionary<Guid, Organisation>)await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        }) ?? new Dictionary<Guid, Organisation>();

    public Task<List<Organisation>> GpPracticesAsync(CancellationToken ct = default) => ListAsync(OrganisationKind.GpPractice, ct);
}
