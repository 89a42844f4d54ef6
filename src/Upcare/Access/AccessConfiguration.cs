using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Organisations;
using Upcare.People;

namespace Upcare.Access;

/// <summary>Table mapping for accounts beyond what Identity maps.</summary>
public class UpcareUserConfiguration : IEntityTypeConfiguration<UpcareUser>
{
    public void Configure(EntityTypeBuilder<UpcareUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(u => u.Role);
        b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.PersonId);
    }
}

/// <summary>Table mapping for caseload assignments.</summary>
public class CaseloadAssignmentConfiguration : IEntityTypeConfiguration<CaseloadAssignment>
{
    public void Configure(EntityTypeBuilder<CaseloadAssignment> b)
    {
        b.ToTable("CaseloadAssignments");
        b.HasOne<UpcareUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        // A person is on a caseload at most once at a time, even when two administrators add them together.
        b.HasIndex(a => new { a.UserId, a.PersonId }).IsUnique().HasFilter("\"EndedAt\" IS NULL");
        b.HasIndex(a => a.PersonId);
    }
}

/// <summary>Table mapping for carers' permissions.</summary>
public class CarerPermissionConfiguration : IEntityTypeConfiguration<CarerPermission>
{
    public void Configure(EntityTypeBuilder<CarerPermission> b)
    {
        b.ToTable("CarerPermissions");
        b.Property(p => p.Relationship).HasMaxLength(100);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<UpcareUser>().WithMany().HasForeignKey(p => p.CarerUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.PersonId, p.CarerUserId }).IsUnique().HasFilter("\"WithdrawnAt\" IS NULL");
        b.HasIndex(p => p.CarerUserId);
    }
}

/// <summary>Table mapping for break-glass access.</summary>
public class BreakGlassAccessConfiguration : IEntityTypeConfiguration<BreakGlassAccess>
{
    public void Configure(EntityTypeBuilder<BreakGlassAccess> b)
    {
        b.ToTable("BreakGlassAccesses");
        b.Property(a => a.Reason).HasMaxLength(AccessLimits.Reason);
        b.HasOne<UpcareUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.UserId, a.PersonId, a.ExpiresAt });
    }
}

/// <summary>Table mapping for the audit trail. No foreign keys: the trail must outlive the accounts and records it names.</summary>
public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        // One place in the chain per entry, even with several instances chaining.
        b.HasIndex(e => e.Sequence).IsUnique();
        // The chainer's queue: entries not yet given their place.
        b.HasIndex(e => e.Id, "IX_AuditEntries_Unchained").HasFilter("\"Sequence\" IS NULL");
        b.Property(e => e.UserName).HasMaxLength(200);
        b.Property(e => e.Role).HasMaxLength(30);
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.Route).HasMaxLength(200);
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(10);
        b.Property(e => e.Detail).HasMaxLength(AccessLimits.Reason + 100);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        // "Who looked at this record": the only lookup besides reading in sequence order. Each extra index is paid on every page.
        b.HasIndex(e => new { e.PersonId, e.Id });
    }
}

/// <summary>Lengths of the free text the access feature stores.</summary>
public static class AccessLimits
{
    public const int Reason = 500;
    public const int MinimumReason = 10;
}
