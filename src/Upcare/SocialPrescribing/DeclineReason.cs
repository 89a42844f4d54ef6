namespace Upcare.SocialPrescribing;

/// <summary>
/// Why a community organisation declined a referral, from a fixed list. Commissioners see only these: the words an
/// organisation adds may name the person or their circumstances, and sit beside small, suppressed counts.
/// </summary>
public enum DeclineReason
{
    NoCapacity,
    NotEligible,
    NotSuitable,
    CouldNotContact,
    PersonDeclined,
    Other,
}

/// <summary>Labels and codes (for the API and the FHIR Task's statusReason) of decline reasons.</summary>
public static class DeclineReasons
{
    /// <summary>The code system of <see cref="DeclineReason"/> in FHIR Task.statusReason.coding.</summary>
    public const string System = "https://upcare.nhs.uk/fhir/CodeSystem/community-referral-decline-reason";

    public static readonly IReadOnlyList<DeclineReason> All = Enum.GetValues<DeclineReason>();

    public static string Label(DeclineReason reason) => reason switch
    {
        DeclineReason.NoCapacity => "No places or capacity at the moment",
        DeclineReason.NotEligible => "The person does not meet who the service is for",
        DeclineReason.NotSuitable => "The service does not fit what the person needs",
        DeclineReason.CouldNotContact => "We could not contact the person",
        DeclineReason.PersonDeclined => "The person did not want the service",
        _ => "Another reason",
    };

    public static string Code(DeclineReason reason) => reason switch
    {
        DeclineReason.NoCapacity => "no-capacity",
        DeclineReason.NotEligible => "not-eligible",
        DeclineReason.NotSuitable => "not-suitable",
        DeclineReason.CouldNotContact => "could-not-contact",
        DeclineReason.PersonDeclined => "person-declined",
        _ => "other",
    };

    /// <summary>A reason from its code or its name (case-insensitive); null when it is neither.</summary>
    public static DeclineReason? Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : All.Cast<DeclineReason?>().FirstOrDefault(r => string.Equals(Code(r!.Value), text.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(r.Value.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The message when a decline names a reason not on the list.</summary>
    public static string Unknown(string given) =>
        $"\"{(given.Length > 40 ? given[..40] + "…" : given)}\" is not a decline reason: use one of {string.Join(", ", All.Select(Code))}";
}
