namespace Upcare.Choice;

/// <summary>A provider that offers a service people can choose, with its current wait and quality rating (imported and kept by administrators).</summary>
public class ChoiceProvider
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string OdsCode { get; set; } = "";

    /// <summary>The service, as the referral names it ("Trauma and orthopaedics", "Adult ADHD assessment").</summary>
    public string Service { get; set; } = "";

    public string Postcode { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int WaitingWeeks { get; set; }

    /// <summary>The quality rating in words (the CQC's: Outstanding, Good, Requires improvement, Inadequate; or Not rated).</summary>
    public string QualityRating { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
}

/// <summary>Where the person's choice stands.</summary>
public enum ChoiceStatus
{
    /// <summary>The referral does not carry the legal right to choose (not a first consultant-led outpatient appointment, or excluded).</summary>
    NoRightToChoose,

    /// <summary>Options shown; the person will choose later from their own pages.</summary>
    Offered,

    Chosen,
}

/// <summary>One provider as it was shown when choice was offered: the figures the person chose from.</summary>
public sealed record ChoiceOption(Guid ProviderId, string Name, double? DistanceMiles, int WaitingWeeks, string QualityRating);

/// <summary>
/// A referral for which choice of provider was considered: whether it carries the legal right to choose, the options
/// shown (as they were then), and what the person chose and why, in their words.
/// </summary>
public class ChoiceReferral
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Service { get; set; } = "";
    public bool MentalHealth { get; set; }
    public bool FirstConsultantLedOutpatient { get; set; }

    /// <summary>The exclusion that removes the right to choose, if any (configuration: urgent care, already in treatment, …).</summary>
    public string? Exclusion { get; set; }

    public Guid ClinicianUserId { get; set; }
    public string ClinicianName { get; set; } = "";
    public Guid? PracticeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public ChoiceStatus Status { get; set; }

    /// <summary>The options shown, as JSON (<see cref="ChoiceOption"/>).</summary>
    public string OptionsShown { get; set; } = "[]";

    public Guid? ChosenProviderId { get; set; }
    public string? ChosenProviderName { get; set; }
    public DateTime? ChosenAt { get; set; }
    public bool ChosenByThePerson { get; set; }

    /// <summary>Why they chose it, in their words.</summary>
    public string? Reason { get; set; }

    public int Version { get; set; }

    public bool RightToChoose => Status != ChoiceStatus.NoRightToChoose;
}
