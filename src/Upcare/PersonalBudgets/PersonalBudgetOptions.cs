namespace Upcare.PersonalBudgets;

/// <summary>A kind of spending a budget may not be used for, the words that give it away, and why.</summary>
public sealed class ExcludedCategory
{
    public string Name { get; set; } = "";
    public List<string> Words { get; set; } = [];
    public string Reason { get; set; } = "";
}

/// <summary>
/// Local rules for personal budgets (section Upcare:PersonalBudgets). Everything the reference marks [verify] is here,
/// not in code: the excluded spending, each funder's first review, the review interval.
/// </summary>
public sealed class PersonalBudgetOptions
{
    /// <summary>The categories a plan item can be put in.</summary>
    public List<string> Categories { get; set; } =
    [
        "Personal care and support", "Therapy", "Equipment", "Transport", "Activity and leisure", "Short breaks", "Training and education",
    ];

    /// <summary>What a budget may not be spent on (refused with the reason), by category or by the words of the item.</summary>
    public List<ExcludedCategory> Excluded { get; set; } = [];

    /// <summary>Months from a stream's start to its first direct payment review, by funder (NHS 3, social care 6).</summary>
    public Dictionary<Funder, int> FirstReviewMonths { get; set; } = [];

    /// <summary>The most months between reviews after the first.</summary>
    public int ThenEveryMonths { get; set; } = 12;

    /// <summary>How often scheduled direct payments are looked for.</summary>
    public TimeSpan PaymentsCheckEvery { get; set; } = TimeSpan.FromHours(1);

    public int FirstReviewMonthsFor(Funder funder) => FirstReviewMonths.TryGetValue(funder, out var months) ? months : 3;

    /// <summary>The excluded category an item falls in, by its category or its words; null when allowed.</summary>
    public ExcludedCategory? ExclusionFor(string category, string what) =>
        Excluded.FirstOrDefault(e => e.Name.Equals(category, StringComparison.OrdinalIgnoreCase)
            || e.Words.Any(w => $" {what} ".Contains($" {w} ", StringComparison.OrdinalIgnoreCase)));
}
