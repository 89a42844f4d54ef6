using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Organisations;
using Upcare.Synthetic;

namespace Upcare.ServiceDirectory;

/// <summary>Loads the synthetic postcode file and a synthetic directory of community services into an empty directory.</summary>
public class DirectorySeeder(UpcareDbContext db, PostcodeDirectory postcodes, OrganisationService organisations, ILogger<DirectorySeeder> logger)
{
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default) => !await db.CommunityServices.AnyAsync(ct);

    /// <summary>Writes the demo area's postcodes as an ONSPD-layout CSV into <paramref name="folder"/> and loads it.</summary>
    public async Task<int> LoadSyntheticPostcodesAsync(string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "postcodes-synthetic-onspd.csv");
        await using (var writer = new StreamWriter(path))
        {
            SyntheticPostcodes.WriteCsv(writer);
        }
        using var reader = new StreamReader(path);
        return await postcodes.LoadCsvAsync(reader, ct);
    }

    /// <summary>Seeds <paramref name="services"/> services made from <paramref name="seed"/>. Refuses a directory that already has services.</summary>
    public async Task SeedAsync(int services, int seed, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (await db.CommunityServices.AnyAsync(ct))
        {
            throw new InvalidOperationException("The directory already has services. Seed only an empty directory.");
        }
        var generator = new SyntheticDirectory(seed, services);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var knownTerms = await db.TaxonomyTerms.Select(t => t.Id).ToListAsync(ct);
        db.TaxonomyTerms.AddRange(generator.Terms.Where(t => !knownTerms.Contains(t.Id)));
        var vcse = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.VcseOrganisation).OrderBy(o => o.Code).ToListAsync(ct);
        var all = generator.Organisations(vcse);
        var existing = vcse.Select(o => o.Id).ToHashSet();
        db.Organisations.AddRange(all.Where(o => !existing.Contains(o.Id)));
        await db.SaveChangesAsync(ct);
        organisations.ForgetCached();
        db.ChangeTracker.Clear();
        var written = 0;
        foreach (var batch in generator.Services(all).Chunk(1000))
        {
            foreach (var (service, location) in batch)
            {
                service.SearchText = DirectorySearch.SearchTextOf(service, all.First(o => o.Id == service.OrganisationId).Name);
                db.CommunityServices.Add(service);
                if (location is not null)
                {
                    db.DirectoryLocations.Add(location);
                    db.ServiceAtLocations.Add(new ServiceAtLocation { Id = Guid.NewGuid(), ServiceId = service.Id, LocationId = location.Id });
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += batch.Length;
            progress?.Report(written);
        }
        // Fresh statistics after a bulk load, so the planner sizes the search's joins from the real data. On PostgreSQL,
        // VACUUM also marks the new pages all-visible, so the search's index-only scans need not visit the table.
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "VACUUM ANALYZE" : "ANALYZE", ct);
        logger.LogInformation("Seeded {Services} synthetic community services from seed {Seed}", written, seed);
    }
}
