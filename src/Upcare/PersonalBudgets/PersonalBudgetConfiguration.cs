using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.People;

namespace Upcare.PersonalBudgets;

/// <summary>Table mapping for personal budgets.</summary>
public class PersonalBudgetConfiguration : IEntityTypeConfiguration<PersonalBudget>
{
    public void Configure(EntityTypeBuilder<PersonalBudget> b)
    {
        b.ToTable("PersonalBudgets");
        b.Property(x => x.Right).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.StoppedReason).HasMaxLength(500);
        b.Property(x => x.CreatedByName).HasMaxLength(200);
        b.Property(x => x.ThirdPartyName).HasMaxLength(200);
        b.Property(x => x.AccountName).HasMaxLength(200);
        b.Property(x => x.SortCode).HasMaxLength(8);
        b.Property(x => x.AccountNumber).HasMaxLength(8);
        b.Property(x => x.PlanApprovedBy).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.TotalPence);
        b.Ignore(x => x.IsIntegrated);
        b.HasIndex(x => x.PersonId).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Streams).WithOne().HasForeignKey(s => s.BudgetId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.BudgetId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for funding streams.</summary>
public class FundingStreamConfiguration : IEntityTypeConfiguration<FundingStream>
{
    public void Configure(EntityTypeBuilder<FundingStream> b)
    {
        b.ToTable("FundingStreams");
        b.Property(x => x.Funder).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.FunderName).HasMaxLength(200);
        b.Property(x => x.Rules).HasMaxLength(2000);
    }
}

/// <summary>Table mapping for costed plan items.</summary>
public class BudgetPlanItemConfiguration : IEntityTypeConfiguration<BudgetPlanItem>
{
    public void Configure(EntityTypeBuilder<BudgetPlanItem> b)
    {
        b.ToTable("BudgetPlanItems");
        b.Property(x => x.Outcome).HasMaxLength(500);
        b.Property(x => x.What).HasMaxLength(500);
        b.Property(x => x.Category).HasMaxLength(100);
        b.Property(x => x.FromWhom).HasMaxLength(200);
        b.Property(x => x.HowOften).HasMaxLength(200);
        b.Ignore(x => x.TotalPence);
    }
}

/// <summary>Table mapping for the ledger: append-only, one row per movement.</summary>
public class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("LedgerEntries");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Debit).HasMaxLength(120);
        b.Property(x => x.Credit).HasMaxLength(120);
        b.Property(x => x.Description).HasMaxLength(500);
        b.Property(x => x.ByName).HasMaxLength(200);
        b.Property(x => x.IdempotencyKey).HasMaxLength(160);
        // The same request can never make two entries, even when it arrives twice at once.
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasIndex(x => new { x.BudgetId, x.At });
        b.HasOne<PersonalBudget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table mapping for receipts.</summary>
public class BudgetReceiptConfiguration : IEntityTypeConfiguration<BudgetReceipt>
{
    public void Configure(EntityTypeBuilder<BudgetReceipt> b)
    {
        b.ToTable("BudgetReceipts");
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasIndex(x => x.EntryId);
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table mapping for payment schedules.</summary>
public class PaymentScheduleConfiguration : IEntityTypeConfiguration<PaymentSchedule>
{
    public void Configure(EntityTypeBuilder<PaymentSchedule> b)
    {
        b.ToTable("PaymentSchedules");
        b.HasIndex(x => new { x.Stopped, x.NextOn });
        b.HasOne<PersonalBudget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for budget reviews.</summary>
public class BudgetReviewConfiguration : IEntityTypeConfiguration<BudgetReview>
{
    public void Configure(EntityTypeBuilder<BudgetReview> b)
    {
        b.ToTable("BudgetReviews");
        b.Property(x => x.ByName).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.HasIndex(x => new { x.BudgetId, x.On });
        b.HasOne<PersonalBudget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
    }
}
