using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Upcare.SupportNetworks;

/// <summary>Table mapping for support network entries.</summary>
public sealed class SupportNetworkEntryConfiguration : IEntityTypeConfiguration<SupportNetworkEntry>
{
    public void Configure(EntityTypeBuilder<SupportNetworkEntry> b)
    {
        b.ToTable("SupportNetworkEntries");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Ring).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Source).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Name).HasMaxLength(SupportNetworkLimits.Name);
        b.Property(e => e.Detail).HasMaxLength(SupportNetworkLimits.Detail);
        b.Property(e => e.SourceKey).HasMaxLength(100);
        b.Property(e => e.AddedByName).HasMaxLength(200);
        b.Property(e => e.RemovedByName).HasMaxLength(200);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.IsCurrent);
        b.HasIndex(e => e.PersonId);
        // A suggestion is kept or turned down once, even when both are pressed at once.
        b.HasIndex(e => new { e.PersonId, e.SourceKey }).IsUnique().HasFilter("\"SourceKey\" IS NOT NULL");
        b.HasOne<People.Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for support network snapshots.</summary>
public sealed class SupportNetworkSnapshotConfiguration : IEntityTypeConfiguration<SupportNetworkSnapshot>
{
    public void Configure(EntityTypeBuilder<SupportNetworkSnapshot> b)
    {
        b.ToTable("SupportNetworkSnapshots");
        b.Property(s => s.Label).HasMaxLength(SupportNetworkLimits.Label);
        b.Property(s => s.TakenByName).HasMaxLength(200);
        b.HasIndex(s => new { s.PersonId, s.TakenAt });
        b.HasOne<People.Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for who a person lets see their support network.</summary>
public sealed class SupportNetworkShareConfiguration : IEntityTypeConfiguration<SupportNetworkShare>
{
    public void Configure(EntityTypeBuilder<SupportNetworkShare> b)
    {
        b.ToTable("SupportNetworkShares");
        b.Property(s => s.UserName).HasMaxLength(200);
        b.HasIndex(s => new { s.PersonId, s.UserId }).IsUnique().HasFilter("\"WithdrawnAt\" IS NULL");
        b.HasOne<People.Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How long each thing written in a support network may be.</summary>
public static class SupportNetworkLimits
{
    public const int Name = 100;
    public const int Detail = 200;
    public const int Label = 100;
    public const int Entries = 60;
}
