namespace Upcare.Choice;

/// <summary>Local rules of patient choice (section Upcare:Choice); the exclusions come from the reference, section 3.3.</summary>
public sealed class ChoiceOptions
{
    /// <summary>What removes the legal right to choose for a first consultant-led outpatient appointment.</summary>
    public List<string> Exclusions { get; set; } =
    [
        "Urgent or crisis care",
        "Already in treatment for the same condition",
        "Detained under the Mental Health Act",
        "In prison or another secure setting",
        "Serving in the armed forces",
        "A service commissioned by the local authority",
    ];

    /// <summary>Counts below this are shown as "fewer than N" in the figures.</summary>
    public int SuppressBelow { get; set; } = 10;
}
