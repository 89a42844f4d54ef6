using Upcare.Shared;

namespace Upcare.PersonalBudgets;

/// <summary>One funding stream as typed into the set-up form.</summary>
public sealed class StreamForm
{
    public Funder? Funder { get; set; }
    public string? FunderName { get; set; }
    public string? Amount { get; set; }
    public string? Rules { get; set; }

    internal bool IsBlank => Funder is null && string.IsNullOrWhiteSpace(FunderName) && string.IsNullOrWhiteSpace(Amount) && string.IsNullOrWhiteSpace(Rules);
}

/// <summary>What the budget officer agrees with the person when setting the budget up.</summary>
public sealed class BudgetSetupForm
{
    public BudgetRight? Right { get; set; }
    public DateParts StartsOn { get; set; } = new();
    public DateParts EndsOn { get; set; } = new();
    public List<StreamForm> Streams { get; set; } = [new(), new()];
    public string? Notional { get; set; }
    public string? ThirdParty { get; set; }
    public string? ThirdPartyName { get; set; }
    public string? DirectPayment { get; set; }
    public string? AccountName { get; set; }
    public string? SortCode { get; set; }
    public string? AccountNumber { get; set; }
}

/// <summary>One line of the costed plan as typed.</summary>
public sealed class PlanItemForm
{
    public Guid? Id { get; set; }
    public string? Outcome { get; set; }
    public string? What { get; set; }
    public string? Category { get; set; }
    public string? FromWhom { get; set; }
    public string? HowOften { get; set; }
    public string? UnitCost { get; set; }
    public string? Quantity { get; set; }
    public Guid? StreamId { get; set; }

    internal bool IsBlank => new[] { Outcome, What, FromWhom, HowOften, UnitCost, Quantity }.All(string.IsNullOrWhiteSpace);

    public static PlanItemForm From(BudgetPlanItem i) => new()
    {
        Id = i.Id, Outcome = i.Outcome, What = i.What, Category = i.Category, FromWhom = i.FromWhom, HowOften = i.HowOften,
        UnitCost = (i.UnitCostPence / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), Quantity = i.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StreamId = i.StreamId,
    };
}

/// <summary>A spend as typed: which plan item, how much, from where the money is held, a note and a receipt.</summary>
public sealed class SpendForm
{
    public Guid? ItemId { get; set; }
    public string? Amount { get; set; }
    public HeldAs? From { get; set; }
    public DateParts On { get; set; } = new();
    public string? Note { get; set; }

    /// <summary>The page's field (bound as "Spend", the receipt beside it) for a field the service names; a ledger refusal goes by the amount.</summary>
    public static string PageField(string serviceField) => serviceField switch { "Receipt" => "Receipt", "" => "Spend.Amount", var other => $"Spend.{other}" };
}

/// <summary>A receipt file as uploaded: its size as sent, and its content when within the limit.</summary>
public sealed record ReceiptUpload(string FileName, string ContentType, byte[] Content, long Length);

/// <summary>A review as recorded.</summary>
public sealed class BudgetReviewForm
{
    public bool? PlanMeetsNeeds { get; set; }
    public bool? MoneyUsedWell { get; set; }
    public bool? AmountEnough { get; set; }
    public string? Notes { get; set; }
}
