namespace Upcare.CarePlans;

/// <summary>Where a plan stands: being written, or agreed with the person (and not changed since).</summary>
public enum CarePlanStatus
{
    Draft,
    Agreed,
}

/// <summary>How far the person feels they have got with a goal.</summary>
public enum GoalProgress
{
    NotStarted,
    Progressing,
    Met,
}

/// <summary>Who does an action in the plan.</summary>
public enum ActionBy
{
    Me,
    MyCarer,
    Professional,
    CommunityGroup,
}

/// <summary>A note on the plan: a comment (often on one goal) or a change the person suggests.</summary>
public enum PlanNoteKind
{
    Note,
    SuggestedChange,
}

/// <summary>
/// A person's personalised care and support plan, in the PRSB sections, written with them in their own words. The
/// current content lives here; every saved version is kept in <see cref="CarePlanVersion"/>.
/// </summary>
public class CarePlan
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public CarePlanStatus Status { get; set; }

    /// <summary>The content version, one more on every save: the concurrency check and the key of the version history.</summary>
    public int Version { get; set; }

    public string AboutMe { get; set; } = "";
    public string MyHealth { get; set; } = "";
    public string SupportNetwork { get; set; } = "";
    public string IfThingsGetWorse { get; set; } = "";
    public string WhoToCall { get; set; } = "";
    public string CommunicationPreferences { get; set; } = "";
    public string PeopleInvolved { get; set; } = "";
    public DateOnly? ReviewOn { get; set; }

    public DateTime StartedAt { get; set; }
    public Guid StartedByUserId { get; set; }
    public string StartedByName { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    /// <summary>The version last agreed, when, and by whom (names, in words).</summary>
    public int? AgreedVersion { get; set; }
    public DateTime? AgreedAt { get; set; }
    public string? AgreedBy { get; set; }

    /// <summary>The version looked at in the last review: "what changed since the last review" compares with it.</summary>
    public int? LastReviewedVersion { get; set; }
    public DateTime? LastReviewedAt { get; set; }

    public List<CarePlanGoal> Goals { get; set; } = [];
    public List<CarePlanAction> Actions { get; set; } = [];
}

/// <summary>A goal in the person's words, how they will know they got there, and by when.</summary>
public class CarePlanGoal
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public int Position { get; set; }
    public string InMyWords { get; set; } = "";
    public string HowIWillKnow { get; set; } = "";
    public DateOnly? ByWhen { get; set; }
    public GoalProgress Progress { get; set; }
}

/// <summary>Who does what by when.</summary>
public class CarePlanAction
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public int Position { get; set; }
    public string What { get; set; } = "";
    public ActionBy Who { get; set; }

    /// <summary>The carer, professional or group by name, where it helps.</summary>
    public string WhoName { get; set; } = "";

    public DateOnly? ByWhen { get; set; }
    public bool Done { get; set; }
}

/// <summary>One saved version of a plan: its whole content, who saved it and what they changed.</summary>
public class CarePlanVersion
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public DateTime SavedAt { get; set; }
    public Guid SavedByUserId { get; set; }
    public string SavedByName { get; set; } = "";

    /// <summary>The sections changed from the version before, in words.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The whole content as JSON (<see cref="CarePlanContent"/>).</summary>
    public string Content { get; set; } = "";

    /// <summary>When this version was agreed, and by whom in words ("Lucy Smith, with Dr Amir Khan").</summary>
    public DateTime? AgreedAt { get; set; }
    public string? AgreedBy { get; set; }
}

/// <summary>A note from the person or a practitioner, or a change the person suggests, until someone deals with it.</summary>
public class CarePlanNote
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Guid? GoalId { get; set; }
    public PlanNoteKind Kind { get; set; }
    public string Text { get; set; } = "";
    public Guid ByUserId { get; set; }
    public string ByName { get; set; } = "";
    public bool ByThePerson { get; set; }
    public DateTime At { get; set; }
    public DateTime? DealtWithAt { get; set; }
    public string? DealtWithBy { get; set; }
}

/// <summary>A review of the plan with the person: what was looked at, what was said, and the next review date.</summary>
public class CarePlanReview
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public DateTime At { get; set; }
    public Guid ByUserId { get; set; }
    public string ByName { get; set; } = "";
    public int VersionReviewed { get; set; }
    public string Notes { get; set; } = "";
    public DateOnly NextReviewOn { get; set; }
}
