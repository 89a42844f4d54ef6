using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.People;

namespace Upcare.CarePlans;

/// <summary>Table mapping for care and support plans.</summary>
public class CarePlanConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public void Configure(EntityTypeBuilder<CarePlan> b)
    {
        b.ToTable("CarePlans");
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        foreach (var text in new[] { nameof(CarePlan.AboutMe), nameof(CarePlan.MyHealth), nameof(CarePlan.SupportNetwork), nameof(CarePlan.IfThingsGetWorse),
                     nameof(CarePlan.WhoToCall), nameof(CarePlan.CommunicationPreferences), nameof(CarePlan.PeopleInvolved) })
        {
            b.Property(text).HasMaxLength(CarePlanService.SectionMaxLength);
        }
        b.Property(p => p.StartedByName).HasMaxLength(200);
        b.Property(p => p.AgreedBy).HasMaxLength(400);
        b.Property(p => p.Version).IsConcurrencyToken();
        // One plan per person, kept and revised (every version is in CarePlanVersions).
        b.HasIndex(p => p.PersonId).IsUnique();
        b.HasIndex(p => p.ReviewOn);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Actions).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for goals.</summary>
public class CarePlanGoalConfiguration : IEntityTypeConfiguration<CarePlanGoal>
{
    public void Configure(EntityTypeBuilder<CarePlanGoal> b)
    {
        b.ToTable("CarePlanGoals");
        b.Property(g => g.InMyWords).HasMaxLength(CarePlanService.ItemMaxLength);
        b.Property(g => g.HowIWillKnow).HasMaxLength(CarePlanService.ItemMaxLength);
        b.Property(g => g.Progress).HasConversion<string>().HasMaxLength(20);
    }
}

/// <summary>Table mapping for actions.</summary>
public class CarePlanActionConfiguration : IEntityTypeConfiguration<CarePlanAction>
{
    public void Configure(EntityTypeBuilder<CarePlanAction> b)
    {
        b.ToTable("CarePlanActions");
        b.Property(a => a.What).HasMaxLength(CarePlanService.ItemMaxLength);
        b.Property(a => a.WhoName).HasMaxLength(200);
        b.Property(a => a.Who).HasConversion<string>().HasMaxLength(20);
    }
}

/// <summary>Table mapping for the kept versions.</summary>
public class CarePlanVersionConfiguration : IEntityTypeConfiguration<CarePlanVersion>
{
    public void Configure(EntityTypeBuilder<CarePlanVersion> b)
    {
        b.ToTable("CarePlanVersions");
        b.Property(v => v.SavedByName).HasMaxLength(200);
        b.Property(v => v.Summary).HasMaxLength(2000);
        b.Property(v => v.AgreedBy).HasMaxLength(400);
        // Two saves of the same version can never both be stored.
        b.HasIndex(v => new { v.PlanId, v.Number }).IsUnique();
        b.HasOne<CarePlan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for notes and suggested changes.</summary>
public class CarePlanNoteConfiguration : IEntityTypeConfiguration<CarePlanNote>
{
    public void Configure(EntityTypeBuilder<CarePlanNote> b)
    {
        b.ToTable("CarePlanNotes");
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Text).HasMaxLength(CarePlanService.NoteMaxLength);
        b.Property(n => n.ByName).HasMaxLength(200);
        b.Property(n => n.DealtWithBy).HasMaxLength(200);
        b.HasIndex(n => new { n.PlanId, n.At });
        b.HasOne<CarePlan>().WithMany().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for reviews.</summary>
public class CarePlanReviewConfiguration : IEntityTypeConfiguration<CarePlanReview>
{
    public void Configure(EntityTypeBuilder<CarePlanReview> b)
    {
        b.ToTable("CarePlanReviews");
        b.Property(r => r.ByName).HasMaxLength(200);
        b.Property(r => r.Notes).HasMaxLength(CarePlanService.NoteMaxLength);
        b.HasIndex(r => new { r.PlanId, r.At });
        b.HasOne<CarePlan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
