namespace Upcare.PersonalBudgets;

/// <summary>Why a person has a budget: a legal right to one, or offered by local choice.</summary>
public enum BudgetRight
{
    ContinuingHealthcare,
    ChildrensContinuingCare,
    Section117AfterCare,
    Wheelchair,
    Offered,
}

/// <summary>Who pays into a funding stream.</summary>
public enum Funder
{
    Nhs,
    SocialCare,
    Education,
    Other,
}

/// <summary>The three ways a budget can be held (Standing Rules reg 32B); a person can mix them.</summary>
public enum HeldAs
{
    Notional,
    ThirdParty,
    DirectPayment,
}

/// <summary>A budget is in use, or stopped (consent withdrawn, misuse, death) with a reason.</summary>
public enum BudgetStatus
{
    Active,
    Stopped,
}

/// <summary>
/// A personal health budget, or an integrated personal budget when more than one funder pays into it: money agreed to
/// meet a person's health and wellbeing needs over a period, held in one or more ways, spent on a costed plan.
/// Balances are never stored: they come from the ledger.
/// </summary>
public class PersonalBudget
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public BudgetRight Right { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public BudgetStatus Status { get; set; }
    public string? StoppedReason { get; set; }
    public DateTime? StoppedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";

    /// <summary>Amounts per way of holding it (pence), agreed with the person; they add up to the budget.</summary>
    public long NotionalPence { get; set; }
    public long ThirdPartyPence { get; set; }
    public long DirectPaymentPence { get; set; }

    /// <summary>The organisation or person holding the third-party part.</summary>
    public string? ThirdPartyName { get; set; }

    /// <summary>The dedicated account a direct payment goes into (used for nothing else).</summary>
    public string? AccountName { get; set; }
    public string? SortCode { get; set; }
    public string? AccountNumber { get; set; }

    /// <summary>The costed plan's approval by the budget holder, and the person's agreement to it.</summary>
    public DateTime? PlanApprovedAt { get; set; }
    public string? PlanApprovedBy { get; set; }
    public DateTime? PlanAgreedByPersonAt { get; set; }

    /// <summary>When the person's needs were last reported as changed: a review is due at once.</summary>
    public DateOnly? NeedsChangedOn { get; set; }

    /// <summary>Bumped on every change and every ledger entry, so two movements at once are put in order, never both against the same balance.</summary>
    public int Version { get; set; }

    public List<FundingStream> Streams { get; set; } = [];
    public List<BudgetPlanItem> Items { get; set; } = [];

    public long TotalPence => Streams.Sum(s => s.AllocationPence);
    public bool IsIntegrated => Streams.Select(s => s.Funder).Distinct().Count() > 1;
}

/// <summary>One funder's part of the budget, with its own amount, period, rules and review clock.</summary>
public class FundingStream
{
    public Guid Id { get; set; }
    public Guid BudgetId { get; set; }
    public Funder Funder { get; set; }
    public string FunderName { get; set; } = "";
    public long AllocationPence { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public string Rules { get; set; } = "";
}

/// <summary>One line of the costed support plan: what, from whom, how often, the cost, and the outcome it meets.</summary>
public class BudgetPlanItem
{
    public Guid Id { get; set; }
    public Guid BudgetId { get; set; }
    public Guid StreamId { get; set; }
    public int Position { get; set; }
    public string Outcome { get; set; } = "";
    public string What { get; set; } = "";
    public string Category { get; set; } = "";
    public string FromWhom { get; set; } = "";
    public string HowOften { get; set; } = "";
    public long UnitCostPence { get; set; }
    public int Quantity { get; set; }
    public long TotalPence => UnitCostPence * Quantity;
}

/// <summary>What kind of movement a ledger entry is.</summary>
public enum EntryKind
{
    Allocation,
    Payment,
    Spend,
    Reclaim,
    Correction,
}

/// <summary>
/// One movement of money: debits one account and credits another by the same amount. Entries are never changed or
/// removed; a correction is a new entry reversing an earlier one.
/// </summary>
public class LedgerEntry
{
    public Guid Id { get; set; }
    public Guid BudgetId { get; set; }
    public Guid StreamId { get; set; }
    public EntryKind Kind { get; set; }
    public string Debit { get; set; } = "";
    public string Credit { get; set; } = "";
    public long AmountPence { get; set; }
    public DateTime At { get; set; }
    public DateOnly On { get; set; }
    public Guid? ItemId { get; set; }
    public Guid? CorrectsEntryId { get; set; }
    public string Description { get; set; } = "";
    public Guid ByUserId { get; set; }
    public string ByName { get; set; } = "";

    /// <summary>A retried or doubled request with the same key makes no second entry.</summary>
    public string IdempotencyKey { get; set; } = "";
}

/// <summary>A receipt for a spend, kept with it.</summary>
public class BudgetReceipt
{
    public Guid Id { get; set; }
    public Guid EntryId { get; set; }
    public Guid BudgetId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

/// <summary>A direct payment made again and again: an amount every few weeks into the dedicated account.</summary>
public class PaymentSchedule
{
    public Guid Id { get; set; }
    public Guid BudgetId { get; set; }
    public Guid StreamId { get; set; }
    public long AmountPence { get; set; }
    public int EveryWeeks { get; set; }
    public DateOnly NextOn { get; set; }
    public bool Stopped { get; set; }
}

/// <summary>A review of the budget: does the plan still meet needs, is the money used well, is it enough.</summary>
public class BudgetReview
{
    public Guid Id { get; set; }
    public Guid BudgetId { get; set; }
    public DateOnly On { get; set; }
    public DateTime At { get; set; }
    public string ByName { get; set; } = "";
    public bool PlanMeetsNeeds { get; set; }
    public bool MoneyUsedWell { get; set; }
    public bool AmountEnough { get; set; }
    public string Notes { get; set; } = "";
}
