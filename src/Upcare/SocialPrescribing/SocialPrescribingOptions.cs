namespace Upcare.SocialPrescribing;

/// <summary>The local rules of the social prescribing service (section Upcare:SocialPrescribing).</summary>
public sealed class SocialPrescribingOptions
{
    /// <summary>Working days from receiving a referral to the first contact before it shows as overdue.</summary>
    public int FirstContactWorkingDays { get; set; } = 5;

    /// <summary>Working days a community organisation has to accept or decline before the referral comes back as expired.</summary>
    public int ResponseWorkingDays { get; set; } = 10;

    /// <summary>Working days after sending when an unanswered referral is nudged.</summary>
    public int NudgeAfterWorkingDays { get; set; } = 7;

    /// <summary>The most people a link worker can safely support in a year.</summary>
    public int SafeCaseloadPerYear { get; set; } = 250;

    /// <summary>The wellbeing questionnaire asked at the start and at discharge.</summary>
    public string WellbeingInstrument { get; set; } = "ons4";

    /// <summary>A PCN's own choice of wellbeing questionnaire, by PCN code.</summary>
    public Dictionary<string, string> WellbeingInstrumentByPcn { get; set; } = [];

    /// <summary>
    /// SNOMED CT code recorded when a person declines social prescribing. Empty until verified in the UK edition
    /// (871711000000103 "Social prescribing declined" is seen in only one public source).
    /// </summary>
    public string? DeclinedCode { get; set; }

    /// <summary>How often the deadlines job looks for overdue community referrals.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(15);
}
