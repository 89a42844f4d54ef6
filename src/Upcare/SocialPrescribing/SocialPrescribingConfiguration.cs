using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Organisations;
using Upcare.People;
using Upcare.ServiceDirectory;

namespace Upcare.SocialPrescribing;

/// <summary>Table mapping for social prescribing referrals.</summary>
public class SocialPrescribingReferralConfiguration : IEntityTypeConfiguration<SocialPrescribingReferral>
{
    public void Configure(EntityTypeBuilder<SocialPrescribingReferral> b)
    {
        b.ToTable("SocialPrescribingReferrals");
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.DischargeReason).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ReferredByName).HasMaxLength(200);
        b.Property(r => r.LinkWorkerName).HasMaxLength(200);
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.Code).HasMaxLength(18);
        b.Property(r => r.DischargeCode).HasMaxLength(18);
        b.Property(r => r.WhatMatters).HasMaxLength(4000);
        b.Property(r => r.DischargeNote).HasMaxLength(2000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(r => r.PcnId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.PersonId, r.Status });
        // One open referral per person, however many referrers press at once.
        b.HasIndex(r => r.PersonId, "IX_SocialPrescribingReferrals_OneOpen").IsUnique().HasFilter("\"Status\" <> 'Discharged'");
        b.HasIndex(r => new { r.PcnId, r.Status });
        b.HasIndex(r => new { r.LinkWorkerUserId, r.Status });
        b.HasMany(r => r.Needs).WithOne().HasForeignKey(n => n.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Contacts).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for the needs seen at referral.</summary>
public class ReferralNeedConfiguration : IEntityTypeConfiguration<ReferralNeed>
{
    public void Configure(EntityTypeBuilder<ReferralNeed> b)
    {
        b.ToTable("ReferralNeeds");
        b.HasKey(n => new { n.ReferralId, n.Code });
        b.Property(n => n.Code).HasMaxLength(100);
        b.Property(n => n.Name).HasMaxLength(200);
    }
}

/// <summary>Table mapping for link worker contacts.</summary>
public class LinkWorkerContactConfiguration : IEntityTypeConfiguration<LinkWorkerContact>
{
    public void Configure(EntityTypeBuilder<LinkWorkerContact> b)
    {
        b.ToTable("LinkWorkerContacts");
        b.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Note).HasMaxLength(2000);
        b.Property(c => c.ByName).HasMaxLength(200);
    }
}

/// <summary>Table mapping for summaries back to the GP practice.</summary>
public class GpSummaryConfiguration : IEntityTypeConfiguration<GpSummary>
{
    public void Configure(EntityTypeBuilder<GpSummary> b)
    {
        b.ToTable("GpSummaries");
        b.Property(s => s.Text).HasMaxLength(8000);
        b.HasIndex(s => new { s.PersonId, s.CreatedAt });
        b.HasOne<SocialPrescribingReferral>().WithMany().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for referrals to community services.</summary>
public class CommunityReferralConfiguration : IEntityTypeConfiguration<CommunityReferral>
{
    public void Configure(EntityTypeBuilder<CommunityReferral> b)
    {
        b.ToTable("CommunityReferrals");
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.ServiceName).HasMaxLength(200);
        b.Property(c => c.SentByName).HasMaxLength(200);
        b.Property(c => c.SharedName).HasMaxLength(200);
        b.Property(c => c.SharedPhone).HasMaxLength(40);
        b.Property(c => c.SharedEmail).HasMaxLength(254);
        b.Property(c => c.SharedNote).HasMaxLength(2000);
        b.Property(c => c.StatusReason).HasMaxLength(1000);
        b.Property(c => c.DeclineReason).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.SendKey).IsUnique();
        b.HasIndex(c => new { c.OrganisationId, c.Status });
        b.HasIndex(c => new { c.PersonId, c.ServiceId });
        // One open referral per person and service.
        b.HasIndex(c => new { c.PersonId, c.ServiceId }, "IX_CommunityReferrals_OneOpen").IsUnique()
            .HasFilter("\"Status\" IN ('Requested', 'Accepted', 'InProgress', 'OnHold')");
        b.HasIndex(c => new { c.Status, c.RespondBy });
        // How a service answers: its referrals of the last 12 months.
        b.HasIndex(c => new { c.ServiceId, c.SentAt });
        b.HasIndex(c => c.SocialPrescribingReferralId);
        b.HasOne<SocialPrescribingReferral>().WithMany().HasForeignKey(c => c.SocialPrescribingReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CommunityService>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CommunityReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for a referral's history.</summary>
public class ReferralEventConfiguration : IEntityTypeConfiguration<ReferralEvent>
{
    public void Configure(EntityTypeBuilder<ReferralEvent> b)
    {
        b.ToTable("ReferralEvents");
        b.Property(e => e.Party).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.From).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.To).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.ByName).HasMaxLength(200);
        b.Property(e => e.Text).HasMaxLength(2000);
        b.HasIndex(e => new { e.CommunityReferralId, e.At });
    }
}
