using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.People;

namespace Upcare.Choice;

/// <summary>Table mapping for providers people can choose.</summary>
public class ChoiceProviderConfiguration : IEntityTypeConfiguration<ChoiceProvider>
{
    public void Configure(EntityTypeBuilder<ChoiceProvider> b)
    {
        b.ToTable("ChoiceProviders");
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.OdsCode).HasMaxLength(10);
        b.Property(p => p.Service).HasMaxLength(200);
        b.Property(p => p.Postcode).HasMaxLength(8);
        b.Property(p => p.QualityRating).HasMaxLength(50);
        b.Property(p => p.UpdatedByName).HasMaxLength(200);
        b.HasIndex(p => new { p.OdsCode, p.Service }).IsUnique();
        b.HasIndex(p => p.Service);
    }
}

/// <summary>Table mapping for referrals with choice.</summary>
public class ChoiceReferralConfiguration : IEntityTypeConfiguration<ChoiceReferral>
{
    public void Configure(EntityTypeBuilder<ChoiceReferral> b)
    {
        b.ToTable("ChoiceReferrals");
        b.Property(r => r.Service).HasMaxLength(200);
        b.Property(r => r.Exclusion).HasMaxLength(200);
        b.Property(r => r.ClinicianName).HasMaxLength(200);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ChosenProviderName).HasMaxLength(200);
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.RightToChoose);
        b.HasIndex(r => new { r.PersonId, r.CreatedAt });
        b.HasIndex(r => r.PracticeId);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
