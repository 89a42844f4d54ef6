using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.People;

namespace Upcare.Coaching;

/// <summary>Table mapping for coaching sessions.</summary>
public class CoachingSessionConfiguration : IEntityTypeConfiguration<CoachingSession>
{
    public void Configure(EntityTypeBuilder<CoachingSession> b)
    {
        b.ToTable("CoachingSessions");
        b.Property(s => s.CoachName).HasMaxLength(200);
        b.Property(s => s.Notes).HasMaxLength(4000);
        b.Property(s => s.PersonGoals).HasMaxLength(2000);
        b.Property(s => s.NextSteps).HasMaxLength(2000);
        // Two sessions recorded at once cannot both be number N.
        b.HasIndex(s => new { s.PersonId, s.Number }).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for the person's own goals.</summary>
public class SelfManagementGoalConfiguration : IEntityTypeConfiguration<SelfManagementGoal>
{
    public void Configure(EntityTypeBuilder<SelfManagementGoal> b)
    {
        b.ToTable("SelfManagementGoals");
        b.Property(g => g.Text).HasMaxLength(500);
        b.HasIndex(g => g.PersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for diary entries.</summary>
public class DiaryEntryConfiguration : IEntityTypeConfiguration<DiaryEntry>
{
    public void Configure(EntityTypeBuilder<DiaryEntry> b)
    {
        b.ToTable("DiaryEntries");
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Value).HasPrecision(8, 1);
        b.Property(d => d.Text).HasMaxLength(1000);
        b.HasIndex(d => new { d.PersonId, d.On });
        b.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for what the person shares with their coach.</summary>
public class CoachSharingConfiguration : IEntityTypeConfiguration<CoachSharing>
{
    public void Configure(EntityTypeBuilder<CoachSharing> b)
    {
        b.ToTable("CoachSharings");
        b.HasKey(s => s.PersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
