namespace Upcare.SharedDecisions;

/// <summary>
/// A decision aid in the library: one decision a person may face, and its options with their benefits, risks, what
/// they involve and the evidence (BRAN: Benefits, Risks, Alternatives, doing Nothing). Always includes doing nothing
/// or waiting.
/// </summary>
public class DecisionAid
{
    public Guid Id { get; set; }

    /// <summary>The decision, as a question ("Which treatment for knee osteoarthritis?").</summary>
    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>Written for the demo, not from a published decision aid: shown as such everywhere.</summary>
    public bool WrittenForDemo { get; set; }

    public bool Withdrawn { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    public int Version { get; set; }
    public List<DecisionOption> Options { get; set; } = [];
}

/// <summary>One option in a decision aid.</summary>
public class DecisionOption
{
    public Guid Id { get; set; }
    public Guid AidId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public string WhatItInvolves { get; set; } = "";
    public string Benefits { get; set; } = "";
    public string Risks { get; set; } = "";
    public string EvidenceSource { get; set; } = "";

    /// <summary>The "doing nothing or waiting" option every aid has.</summary>
    public bool IsDoingNothing { get; set; }
}

/// <summary>Where a shared decision stands.</summary>
public enum DecisionStatus
{
    /// <summary>SURE done before; options not yet talked through.</summary>
    Open,

    /// <summary>Talked through; the person wants time, and a date to come back is set.</summary>
    NotDecidedYet,

    Decided,
}

/// <summary>
/// A decision made (or being made) together by a clinician and a person with a decision aid: the SURE test before,
/// what matters most to the person, the choice or a date to come back, SURE after, and collaboRATE sent to the person.
/// </summary>
public class SharedDecision
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid AidId { get; set; }

    /// <summary>The decision as it was worded when opened (the aid may be revised later).</summary>
    public string Title { get; set; } = "";

    public Guid ClinicianUserId { get; set; }
    public string ClinicianName { get; set; } = "";

    /// <summary>The clinician's practice, for the practice's figures.</summary>
    public Guid? PracticeId { get; set; }

    public DateTime StartedAt { get; set; }
    public DecisionStatus Status { get; set; }

    public Guid SureBeforeResponseId { get; set; }
    public int SureBefore { get; set; }

    public string WhatMattersMost { get; set; } = "";
    public Guid? ChosenOptionId { get; set; }
    public string? ChosenOptionName { get; set; }
    public DateOnly? ComeBackOn { get; set; }
    public DateTime? DecidedAt { get; set; }

    public Guid? SureAfterResponseId { get; set; }
    public int? SureAfter { get; set; }

    /// <summary>The collaboRATE questionnaire sent to the person after the decision.</summary>
    public Guid? CollaborateRequestId { get; set; }

    /// <summary>Set when the decision was added to the person's care and support plan, at this plan version.</summary>
    public int? CarePlanVersion { get; set; }

    public int Version { get; set; }

    /// <summary>SURE total below 4 (any "No") means decisional conflict.</summary>
    public const int SureNoConflict = 4;
}
