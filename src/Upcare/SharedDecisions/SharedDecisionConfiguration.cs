using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.People;

namespace Upcare.SharedDecisions;

/// <summary>Table mapping for decision aids.</summary>
public class DecisionAidConfiguration : IEntityTypeConfiguration<DecisionAid>
{
    public void Configure(EntityTypeBuilder<DecisionAid> b)
    {
        b.ToTable("DecisionAids");
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Summary).HasMaxLength(DecisionAidService.TextMaxLength);
        b.Property(a => a.UpdatedByName).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasMany(a => a.Options).WithOne().HasForeignKey(o => o.AidId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for decision aid options.</summary>
public class DecisionOptionConfiguration : IEntityTypeConfiguration<DecisionOption>
{
    public void Configure(EntityTypeBuilder<DecisionOption> b)
    {
        b.ToTable("DecisionOptions");
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.WhatItInvolves).HasMaxLength(DecisionAidService.TextMaxLength);
        b.Property(o => o.Benefits).HasMaxLength(DecisionAidService.TextMaxLength);
        b.Property(o => o.Risks).HasMaxLength(DecisionAidService.TextMaxLength);
        b.Property(o => o.EvidenceSource).HasMaxLength(500);
    }
}

/// <summary>Table mapping for shared decisions.</summary>
public class SharedDecisionConfiguration : IEntityTypeConfiguration<SharedDecision>
{
    public void Configure(EntityTypeBuilder<SharedDecision> b)
    {
        b.ToTable("SharedDecisions");
        b.Property(d => d.Title).HasMaxLength(200);
        b.Property(d => d.ClinicianName).HasMaxLength(200);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.WhatMattersMost).HasMaxLength(DecisionAidService.TextMaxLength);
        b.Property(d => d.ChosenOptionName).HasMaxLength(200);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => new { d.PersonId, d.StartedAt });
        b.HasIndex(d => new { d.ClinicianUserId, d.Status });
        b.HasIndex(d => new { d.PracticeId, d.Status });
        b.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DecisionAid>().WithMany().HasForeignKey(d => d.AidId).OnDelete(DeleteBehavior.Restrict);
    }
}
