using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.People;

namespace Upcare.Outcomes;

/// <summary>Table mapping for responses, their answers and scores.</summary>
public class MeasureResponseConfiguration : IEntityTypeConfiguration<MeasureResponse>
{
    public void Configure(EntityTypeBuilder<MeasureResponse> b)
    {
        b.ToTable("MeasureResponses");
        b.Property(r => r.InstrumentCode).HasMaxLength(40);
        b.Property(r => r.InstrumentVersion).HasMaxLength(100);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Mode).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Flags).HasMaxLength(1000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PersonId, r.InstrumentCode, r.Status });
        b.HasIndex(r => new { r.AboutClinicianUserId, r.InstrumentCode });
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for answers.</summary>
public class MeasureAnswerConfiguration : IEntityTypeConfiguration<MeasureAnswer>
{
    public void Configure(EntityTypeBuilder<MeasureAnswer> b)
    {
        b.ToTable("MeasureAnswers");
        b.Property(a => a.ItemCode).HasMaxLength(40);
        b.Property(a => a.Value).HasPrecision(9, 2);
        b.Property(a => a.Text).HasMaxLength(OutcomeLimits.Text);
        b.HasIndex(a => new { a.ResponseId, a.ItemCode }).IsUnique();
    }
}

/// <summary>Table mapping for scores.</summary>
public class MeasureScoreConfiguration : IEntityTypeConfiguration<MeasureScore>
{
    public void Configure(EntityTypeBuilder<MeasureScore> b)
    {
        b.ToTable("MeasureScores");
        b.Property(s => s.Code).HasMaxLength(40);
        b.Property(s => s.Label).HasMaxLength(100);
        b.Property(s => s.Value).HasPrecision(9, 2);
        b.Property(s => s.Band).HasMaxLength(100);
    }
}

/// <summary>Table mapping for requests.</summary>
public class MeasureRequestConfiguration : IEntityTypeConfiguration<MeasureRequest>
{
    public void Configure(EntityTypeBuilder<MeasureRequest> b)
    {
        b.ToTable("MeasureRequests");
        b.Property(r => r.InstrumentCode).HasMaxLength(40);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PersonId, r.Status, r.DueOn });
    }
}

/// <summary>Table mapping for alerts.</summary>
public class MeasureAlertConfiguration : IEntityTypeConfiguration<MeasureAlert>
{
    public void Configure(EntityTypeBuilder<MeasureAlert> b)
    {
        b.ToTable("MeasureAlerts");
        b.Property(a => a.InstrumentCode).HasMaxLength(40);
        b.Property(a => a.Message).HasMaxLength(1000);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.AcknowledgedAt, a.PersonId });
    }
}
