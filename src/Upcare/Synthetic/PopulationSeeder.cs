using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.Synthetic;

/// <summary>Writes a synthetic population into an empty database, in batches, reporting progress.</summary>
public class PopulationSeeder(UpcareDbContext db, Organisations.OrganisationService organisations, ILogger<PopulationSeeder> logger)
{
    private const int BatchSize = 2000;

    public async Task<bool> IsEmptyAsync(CancellationToken ct = default) => !await db.People.AnyAsync(ct);

    /// <summary>Adds the generator's organisations not already there, and makes the organisations cache read them afresh.</summary>
    public async Task AddOrganisationsAsync(PopulationGenerator generator, CancellationToken ct = default)
    {
        var existing = await db.Organisations.Select(o => o.Code).ToListAsync(ct);
        db.Organisations.AddRange(generator.Organisations.Where(o => !existing.Contains(o.Code)));
        await db.SaveChangesAsync(ct);
        organisations.ForgetCached();
    }

    /// <summary>Seeds <paramref name="people"/> people made from <paramref name="seed"/>. Refuses a database that already has people.</summary>
    public async Task SeedAsync(int people, int seed, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (!await IsEmptyAsync(ct))
        {
            var count = await db.People.CountAsync(ct);
            throw new InvalidOperationException($"The database already has {count:N0} people. Seed only an empty database, so no real record is ever mixed with synthetic ones.");
        }
        var generator = new PopulationGenerator(seed, people);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await AddOrganisationsAsync(generator, ct);
        db.ChangeTracker.Clear();

        var written = 0;
        foreach (var batch in generator.People().Chunk(BatchSize))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.People.AddRange(batch);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            written += batch.Length;
            progress?.Report(written);
        }
        logger.LogInformation("Seeded {People} synthetic people from seed {Seed}", written, seed);
    }
}
