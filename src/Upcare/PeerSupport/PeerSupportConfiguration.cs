using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.People;

namespace Upcare.PeerSupport;

/// <summary>Table mapping for peer support groups.</summary>
public class PeerGroupConfiguration : IEntityTypeConfiguration<PeerGroup>
{
    public void Configure(EntityTypeBuilder<PeerGroup> b)
    {
        b.ToTable("PeerGroups");
        b.Property(g => g.Name).HasMaxLength(200);
        b.Property(g => g.Topic).HasMaxLength(50);
        b.Property(g => g.Description).HasMaxLength(2000);
        b.Property(g => g.Meets).HasMaxLength(200);
        b.Property(g => g.Place).HasMaxLength(300);
        b.Property(g => g.OnlineLink).HasMaxLength(500);
        b.Property(g => g.Facilitator).HasMaxLength(200);
        b.HasIndex(g => g.Topic);
        b.HasIndex(g => g.OrganiserUserId);
    }
}

/// <summary>Table mapping for group membership.</summary>
public class PeerGroupMemberConfiguration : IEntityTypeConfiguration<PeerGroupMember>
{
    public void Configure(EntityTypeBuilder<PeerGroupMember> b)
    {
        b.ToTable("PeerGroupMembers");
        b.HasIndex(m => new { m.GroupId, m.PersonId });
        b.HasOne<PeerGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for attendance.</summary>
public class PeerAttendanceConfiguration : IEntityTypeConfiguration<PeerAttendance>
{
    public void Configure(EntityTypeBuilder<PeerAttendance> b)
    {
        b.ToTable("PeerAttendances");
        b.Property(a => a.RecordedByName).HasMaxLength(200);
        b.HasIndex(a => new { a.GroupId, a.On, a.PersonId }).IsUnique();
        b.HasOne<PeerGroup>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for opt-ins to matching.</summary>
public class PeerOptInConfiguration : IEntityTypeConfiguration<PeerOptIn>
{
    public void Configure(EntityTypeBuilder<PeerOptIn> b)
    {
        b.ToTable("PeerOptIns");
        b.Property(o => o.Topic).HasMaxLength(50);
        b.HasIndex(o => new { o.PersonId, o.Topic }).IsUnique();
        b.HasIndex(o => o.Topic);
        b.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
