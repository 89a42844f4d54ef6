namespace Upcare.Commissioning;

/// <summary>Commissioners' settings (section Upcare:Commissioning): local targets per year, and the small-number rule.</summary>
public sealed class CommissioningOptions
{
    /// <summary>Counts under this are not shown.</summary>
    public int SuppressBelow { get; set; } = 10;

    /// <summary>Local targets: people a year to receive each intervention (by <see cref="Intervention"/> name).</summary>
    public Dictionary<Intervention, int> AnnualTargets { get; set; } = [];
}

/// <summary>The personalised care interventions a person can receive, as counted for commissioners.</summary>
public enum Intervention
{
    SocialPrescribing,
    CarePlanAgreed,
    SharedDecision,
    PersonalHealthBudget,
    HealthCoaching,
    PeerSupport,
}
