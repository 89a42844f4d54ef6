using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.People;

namespace Upcare.Commissioning;

/// <summary>What kind of secondary-care activity a record counts.</summary>
public enum ActivityKind
{
    Admission,
    EmergencyAttendance,
    BedDays,
}

/// <summary>One person's hospital activity on a day (admissions, A&amp;E attendances, bed days), imported from CSV.</summary>
public class ActivityRecord
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly On { get; set; }
    public ActivityKind Kind { get; set; }
    public int Count { get; set; }
}

/// <summary>An outcome an outcomes contract pays for.</summary>
public enum OutcomeKind
{
    /// <summary>A meaningful SWEMWBS improvement about 6 months after the referral (5 to 7 months).</summary>
    WellbeingAtSixMonths,

    /// <summary>Fewer emergency admissions per person in the 12 months after referral than the comparison group.</summary>
    FewerAdmissions,
}

/// <summary>
/// An outcomes contract in the style of the Ways to Wellness social impact bond: for the people a provider (a PCN's
/// social prescribing service) takes referrals for in a period, a tariff per outcome achieved, with caps.
/// </summary>
public class OutcomeContract
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public Guid ProviderId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public long WellbeingTariffPence { get; set; }
    public int? WellbeingCap { get; set; }
    public long AdmissionTariffPence { get; set; }
    public int? AdmissionCap { get; set; }

    /// <summary>The most the contract pays for the period, whatever the outcomes.</summary>
    public long? TotalCapPence { get; set; }

    public DateTime CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
}

/// <summary>
/// What an outcomes contract paid for its period as worked out at one moment, kept whole (figures and evidence) so an
/// auditor checks exactly what was reported, and later recalculations sit beside it rather than over it.
/// </summary>
public class PaymentStatement
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public DateTime CalculatedAt { get; set; }
    public string CalculatedByName { get; set; } = "";
    public long PayablePence { get; set; }
    public int Cohort { get; set; }

    /// <summary>The whole calculation, with its evidence, as JSON.</summary>
    public string Calculation { get; set; } = "";
}

/// <summary>Table mapping for payment statements.</summary>
public class PaymentStatementConfiguration : IEntityTypeConfiguration<PaymentStatement>
{
    public void Configure(EntityTypeBuilder<PaymentStatement> b)
    {
        b.ToTable("PaymentStatements");
        b.Property(s => s.CalculatedByName).HasMaxLength(200);
        b.HasIndex(s => new { s.ContractId, s.CalculatedAt });
        b.HasOne<OutcomeContract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for activity.</summary>
public class ActivityRecordConfiguration : IEntityTypeConfiguration<ActivityRecord>
{
    public void Configure(EntityTypeBuilder<ActivityRecord> b)
    {
        b.ToTable("ActivityRecords");
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(a => new { a.PersonId, a.On });
        // Admissions in a window across everyone (the comparison group) read from this index alone.
        b.HasIndex(a => new { a.Kind, a.On, a.PersonId, a.Count });
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for outcomes contracts.</summary>
public class OutcomeContractConfiguration : IEntityTypeConfiguration<OutcomeContract>
{
    public void Configure(EntityTypeBuilder<OutcomeContract> b)
    {
        b.ToTable("OutcomeContracts");
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.CreatedByName).HasMaxLength(200);
    }
}
