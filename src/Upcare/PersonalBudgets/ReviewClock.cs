namespace Upcare.PersonalBudgets;

/// <summary>When a budget's next review is due, and whether it is overdue.</summary>
public sealed record ReviewDue(DateOnly DueOn, bool Overdue, string Why);

/// <summary>
/// The review clock of a budget held (in part) as a direct payment: a first review within a set number of months of the
/// stream starting (NHS: 3; social care: 6 — configurable), then at most every 12 months after the last review, and at
/// once when the person's needs change. An integrated budget's review is due on the earliest of its streams' clocks.
/// Due on the day itself; overdue from the day after.
/// </summary>
public static class ReviewClock
{
    public static ReviewDue? Next(IEnumerable<(DateOnly StartsOn, int FirstReviewMonths)> streams, int thenEveryMonths, DateOnly? lastReviewOn, DateOnly? needsChangedOn, DateOnly today)
    {
        var candidates = new List<(DateOnly Due, string Why)>();
        foreach (var (startsOn, firstMonths) in streams)
        {
            if (lastReviewOn is { } last && last >= startsOn)
            {
                candidates.Add((last.AddMonths(thenEveryMonths), $"{thenEveryMonths} months after the last review"));
            }
            else
            {
                candidates.Add((startsOn.AddMonths(firstMonths), $"first review, within {firstMonths} months of the start"));
            }
        }
        if (needsChangedOn is { } changed && (lastReviewOn is null || changed >= lastReviewOn))
        {
            candidates.Add((changed, "the person's needs have changed"));
        }
        if (candidates.Count == 0)
        {
            return null;
        }
        var (due, why) = candidates.MinBy(c => c.Due);
        return new ReviewDue(due, today > due, why);
    }
}
