namespace Upcare.Outcomes;

/// <summary>A clinician's collaboRATE figures, or why there are none yet.</summary>
public sealed record CollaborateResult(int CompleteEncounters, int Minimum, decimal? TopScorePercent, decimal? MeanScore)
{
    public bool Reportable => TopScorePercent is not null;
}

/// <summary>collaboRATE across encounters (glynelwyn.com/scoring-collaborate; Barr et al. BMJ Open 2017).</summary>
public static class CollaborateReport
{
    /// <summary>
    /// Encounters with any item missing are left out. Top score: the share of encounters where all three items are 9.
    /// Mean: the mean of each encounter's mean. Neither is given below <paramref name="minimum"/> complete encounters.
    /// </summary>
    public static CollaborateResult Summarise(IEnumerable<IReadOnlyList<decimal?>> encounters, int minimum)
    {
        var complete = encounters.Where(e => e.Count == 3 && e.All(v => v is not null)).Select(e => e.Select(v => v!.Value).ToList()).ToList();
        if (complete.Count < minimum)
        {
            return new(complete.Count, minimum, null, null);
        }
        var top = 100m * complete.Count(e => e.All(v => v == 9)) / complete.Count;
        var mean = complete.Average(e => e.Average());
        return new(complete.Count, minimum, Math.Round(top, 1), Math.Round(mean, 2));
    }
}
