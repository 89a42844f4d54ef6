namespace Upcare.SocialPrescribing;

/// <summary>Who made a referral to the social prescribing service.</summary>
public enum ReferralSource
{
    Clinician,
    OtherStaff,
    SelfReferral,
}

/// <summary>Where a person is with the link worker: the caseload's columns.</summary>
public enum SocialPrescribingStatus
{
    /// <summary>Received by the PCN's service; no link worker has taken it on yet.</summary>
    New,

    /// <summary>A link worker has taken it on and not yet spoken to the person.</summary>
    WaitingForFirstContact,

    Active,
    Discharged,
}

/// <summary>Why a person left social prescribing.</summary>
public enum DischargeReason
{
    GoalsMet,
    Declined,
    MovedAway,
    NoContact,
}

/// <summary>How a link worker was in touch with the person.</summary>
public enum ContactMode
{
    FaceToFace,
    Phone,
    Video,
    HomeVisit,
}

/// <summary>
/// A referral of a person to the PCN's social prescribing service (PRSB "Referral to social prescribing services"),
/// and the link worker's record that grows from it: contacts, what matters, the wellbeing measure before and after,
/// referrals on to community services, and the discharge.
/// </summary>
public class SocialPrescribingReferral
{
    /// <summary>SNOMED CT 871731000000106 |Referral to social prescribing service (procedure)|, put on the person's record.</summary>
    public const string SnomedReferral = "871731000000106";

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>The PCN whose service receives it: the person's practice's network.</summary>
    public Guid PcnId { get; set; }

    public ReferralSource Source { get; set; }
    public Guid ReferredByUserId { get; set; }
    public string ReferredByName { get; set; } = "";

    /// <summary>The referrer's organisation (a practice for a clinician); null for a self-referral.</summary>
    public Guid? ReferrerOrganisationId { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>The SNOMED CT code recorded for the referral.</summary>
    public string Code { get; set; } = SnomedReferral;

    /// <summary>The person agreed to be contacted by the social prescribing service.</summary>
    public bool ConsentToContact { get; set; }

    public DateTime ReceivedAt { get; set; }
    public SocialPrescribingStatus Status { get; set; }
    public Guid? LinkWorkerUserId { get; set; }
    public string? LinkWorkerName { get; set; }
    public DateTime? TakenOnAt { get; set; }
    public DateTime? FirstContactAt { get; set; }

    /// <summary>The last day for a first contact, counted in working days from receipt.</summary>
    public DateOnly FirstContactDue { get; set; }

    /// <summary>What matters to the person, in their own words, from the link worker conversation.</summary>
    public string? WhatMatters { get; set; }

    public Guid? BaselineResponseId { get; set; }
    public Guid? FollowUpResponseId { get; set; }
    public DateTime? DischargedAt { get; set; }
    public DischargeReason? DischargeReason { get; set; }

    /// <summary>The SNOMED CT code recorded with a discharge, e.g. "Social prescribing declined"; null when none is configured.</summary>
    public string? DischargeCode { get; set; }

    public string? DischargeNote { get; set; }

    /// <summary>Bumped on every change, so two people acting on one referral cannot overwrite each other.</summary>
    public int Version { get; set; }

    public List<ReferralNeed> Needs { get; set; } = [];
    public List<LinkWorkerContact> Contacts { get; set; } = [];
}

/// <summary>A need seen at referral, coded from the directory's needs, so the link worker can search for it.</summary>
public class ReferralNeed
{
    public Guid ReferralId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>A contact between the link worker and the person, with how long it took: what commissioners count.</summary>
public class LinkWorkerContact
{
    public Guid Id { get; set; }
    public Guid ReferralId { get; set; }
    public DateTime At { get; set; }
    public ContactMode Mode { get; set; }
    public int Minutes { get; set; }
    public string? Note { get; set; }
    public Guid ByUserId { get; set; }
    public string ByName { get; set; } = "";
}

/// <summary>
/// The summary sent back to the GP practice and the referrer at discharge (the PRSB "message back to GP and
/// referrer"): what matters, what was done, and the wellbeing questionnaire before and after.
/// </summary>
public class GpSummary
{
    public Guid Id { get; set; }
    public Guid ReferralId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? PracticeId { get; set; }
    public Guid? ReferrerUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string Text { get; set; } = "";
}
