using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Data;

namespace Upcare.Hosting;

/// <summary>Which instance runs a background job until when: one row per job, so only one instance does each job.</summary>
public class JobLease
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTime ExpiresAt { get; set; }

    /// <summary>Bumped on every take, so two instances taking an expired lease at once cannot both win.</summary>
    public int Version { get; set; }
}

/// <summary>Table mapping for job leases.</summary>
public class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(100);
        b.Property(l => l.Holder).HasMaxLength(200);
        b.Property(l => l.Version).IsConcurrencyToken();
    }
}

/// <summary>This app instance, as a lease holder: one per running app, so two in one process are still two holders.</summary>
public sealed class LeaseHolder
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}

/// <summary>Takes a job's lease in the database: true when this instance may run the job now.</summary>
public class JobLeases(UpcareDbContext db, TimeProvider clock, LeaseHolder thisInstance)
{
    public async Task<bool> TryTakeAsync(string job, TimeSpan lasts, string? holder = null, CancellationToken ct = default)
    {
        holder ??= thisInstance.Name;
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var lease = await db.JobLeases.FirstOrDefaultAsync(l => l.Name == job, ct);
            if (lease is null)
            {
                db.JobLeases.Add(new JobLease { Name = job, Holder = holder, ExpiresAt = now + lasts, Version = 1 });
            }
            else if (lease.Holder == holder || lease.ExpiresAt <= now)
            {
                lease.Holder = holder;
                lease.ExpiresAt = now + lasts;
                lease.Version++;
            }
            else
            {
                return false;
            }
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance took it first (a duplicate key, or a changed version).
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
