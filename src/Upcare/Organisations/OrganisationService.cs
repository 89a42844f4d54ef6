using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.Organisations;

/// <summary>Reads organisations for other features (practice lists, names).</summary>
public class OrganisationService(UpcareDbContext db)
{
    public Task<List<Organisation>> ListAsync(OrganisationKind? kind = null, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking()
            .Where(o => kind == null || o.Kind == kind)
            .OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .ToListAsync(ct);

    public Task<Organisation?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);

    public Task<List<Organisation>> GpPracticesAsync(CancellationToken ct = default) => ListAsync(OrganisationKind.GpPractice, ct);
}
