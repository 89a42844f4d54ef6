namespace Upcare.SocialPrescribing;

/// <summary>
/// Where a referral to a community service stands: the FHIR Task statuses of the Gravity closed-loop referral.
/// </summary>
public enum CommunityReferralStatus
{
    Requested,
    Accepted,
    Rejected,
    InProgress,
    OnHold,
    Failed,
    Completed,
    Cancelled,
    EnteredInError,
}

/// <summary>Which side of a referral someone acts for.</summary>
public enum ReferralParty
{
    /// <summary>The link worker who sent it (and the person it is for, who may cancel).</summary>
    Requester,

    /// <summary>The community organisation that runs the service.</summary>
    Responder,

    /// <summary>Upcare itself, e.g. returning a referral nobody answered.</summary>
    System,
}

/// <summary>
/// The closed-loop rules: who may move a referral from which status to which. The requester sets requested and
/// entered-in-error; the responder sets accepted, rejected, in-progress, on-hold, failed and completed; either side may
/// cancel. Rejected, failed, completed, cancelled and entered-in-error are final.
/// </summary>
public static class ClosedLoop
{
    private static readonly Dictionary<CommunityReferralStatus, CommunityReferralStatus[]> Next = new()
    {
        [CommunityReferralStatus.Requested] = [CommunityReferralStatus.Accepted, CommunityReferralStatus.Rejected, CommunityReferralStatus.Cancelled, CommunityReferralStatus.EnteredInError],
        [CommunityReferralStatus.Accepted] = [CommunityReferralStatus.InProgress, CommunityReferralStatus.OnHold, CommunityReferralStatus.Failed, CommunityReferralStatus.Cancelled, CommunityReferralStatus.EnteredInError],
        [CommunityReferralStatus.InProgress] = [CommunityReferralStatus.OnHold, CommunityReferralStatus.Completed, CommunityReferralStatus.Failed, CommunityReferralStatus.Cancelled, CommunityReferralStatus.EnteredInError],
        [CommunityReferralStatus.OnHold] = [CommunityReferralStatus.InProgress, CommunityReferralStatus.Failed, CommunityReferralStatus.Cancelled, CommunityReferralStatus.EnteredInError],
    };

    public static bool IsFinal(CommunityReferralStatus status) => !Next.ContainsKey(status);

    /// <summary>Which side may set a status.</summary>
    public static ReferralParty[] SetBy(CommunityReferralStatus status) => status switch
    {
        CommunityReferralStatus.Requested or CommunityReferralStatus.EnteredInError => [ReferralParty.Requester],
        CommunityReferralStatus.Cancelled => [ReferralParty.Requester, ReferralParty.Responder, ReferralParty.System],
        _ => [ReferralParty.Responder],
    };

    /// <summary>Null when the move is allowed; otherwise why not, in words for the person who tried.</summary>
    public static string? Refusal(CommunityReferralStatus from, CommunityReferralStatus to, ReferralParty party)
    {
        if (!SetBy(to).Contains(party))
        {
            return party == ReferralParty.Requester
                ? $"Only the community organisation can mark a referral as {Label(to).ToLowerInvariant()}"
                : $"Only the link worker who sent the referral can mark it as {Label(to).ToLowerInvariant()}";
        }
        if (IsFinal(from))
        {
            return $"This referral is already {Label(from).ToLowerInvariant()}, so it cannot change";
        }
        if (!Next[from].Contains(to))
        {
            return $"A referral that is {Label(from).ToLowerInvariant()} cannot be marked as {Label(to).ToLowerInvariant()}";
        }
        return null;
    }

    /// <summary>The statuses one side may move a referral to from where it is now.</summary>
    public static IReadOnlyList<CommunityReferralStatus> Allowed(CommunityReferralStatus from, ReferralParty party) =>
        Next.TryGetValue(from, out var next) ? next.Where(to => SetBy(to).Contains(party)).ToList() : [];

    /// <summary>Moves that end the referral need a reason.</summary>
    public static bool NeedsReason(CommunityReferralStatus to) =>
        to is CommunityReferralStatus.Rejected or CommunityReferralStatus.Failed or CommunityReferralStatus.Cancelled or CommunityReferralStatus.EnteredInError;

    public static string Label(CommunityReferralStatus status) => status switch
    {
        CommunityReferralStatus.Requested => "Sent, waiting for an answer",
        CommunityReferralStatus.Accepted => "Accepted",
        CommunityReferralStatus.Rejected => "Declined",
        CommunityReferralStatus.InProgress => "Started",
        CommunityReferralStatus.OnHold => "On hold",
        CommunityReferralStatus.Failed => "Did not finish",
        CommunityReferralStatus.Completed => "Finished",
        CommunityReferralStatus.Cancelled => "Cancelled",
        _ => "Entered in error",
    };

    /// <summary>A status from its FHIR Task code or its name; null when it is neither.</summary>
    public static CommunityReferralStatus? Parse(string? text) =>
        Enum.GetValues<CommunityReferralStatus>().Cast<CommunityReferralStatus?>()
            .FirstOrDefault(s => string.Equals(FhirCode(s!.Value), text?.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(s!.Value.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The FHIR Task status code.</summary>
    public static string FhirCode(CommunityReferralStatus status) => status switch
    {
        CommunityReferralStatus.InProgress => "in-progress",
        CommunityReferralStatus.OnHold => "on-hold",
        CommunityReferralStatus.EnteredInError => "entered-in-error",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// A referral from a link worker to a community service (the Gravity ServiceRequest and its Task): what the person
/// agreed to share, and where it stands. The receiving organisation sees only what is copied here, never the record.
/// </summary>
public class CommunityReferral
{
    public Guid Id { get; set; }
    public Guid SocialPrescribingReferralId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ServiceId { get; set; }
    public string ServiceName { get; set; } = "";

    /// <summary>The organisation that runs the service, copied when sent: who may answer.</summary>
    public Guid OrganisationId { get; set; }

    public Guid SentByUserId { get; set; }
    public string SentByName { get; set; } = "";
    public DateTime SentAt { get; set; }

    /// <summary>The person agreed to share these details with the organisation.</summary>
    public bool ConsentToShare { get; set; }

    /// <summary>What the organisation sees: the person's name and the contact details and note they agreed to share.</summary>
    public string SharedName { get; set; } = "";
    public string? SharedPhone { get; set; }
    public string? SharedEmail { get; set; }
    public string? SharedNote { get; set; }

    public CommunityReferralStatus Status { get; set; }
    public string? StatusReason { get; set; }

    /// <summary>When declined: why, from the fixed list (the only reason commissioners see).</summary>
    public DeclineReason? DeclineReason { get; set; }
    public DateTime StatusAt { get; set; }

    /// <summary>The last day for the organisation to accept or decline, in working days from sending.</summary>
    public DateOnly RespondBy { get; set; }

    public DateTime? NudgedAt { get; set; }

    /// <summary>Set from the sending form, so a second click sends nothing more.</summary>
    public Guid SendKey { get; set; }

    public int Version { get; set; }

    public List<ReferralEvent> Events { get; set; } = [];
}

/// <summary>One change of a referral's status, or a note on it (a session attended, a message): the history everyone sees.</summary>
public class ReferralEvent
{
    public Guid Id { get; set; }
    public Guid CommunityReferralId { get; set; }
    public DateTime At { get; set; }
    public ReferralParty Party { get; set; }
    public Guid? ByUserId { get; set; }
    public string ByName { get; set; } = "";
    public CommunityReferralStatus? From { get; set; }
    public CommunityReferralStatus? To { get; set; }

    /// <summary>The reason for an ending, a session attended, or a message between the link worker and the organisation.</summary>
    public string? Text { get; set; }

    public ReferralEventKind Kind { get; set; }
}

/// <summary>What a history entry is.</summary>
public enum ReferralEventKind
{
    StatusChange,
    Attended,
    Message,
}
