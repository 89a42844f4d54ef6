namespace Upcare.Access;

/// <summary>Whether the access was allowed or refused.</summary>
public enum AuditOutcome
{
    Allowed,
    Refused,
}

/// <summary>
/// One line of the append-only audit trail: who did what to whose record, when, from which route, and whether it was
/// allowed. Each entry carries the hash of the one before it, so changing or removing an entry breaks the chain.
/// </summary>
public class AuditEntry
{
    /// <summary>1, 2, 3 … with no gaps: a gap means an entry was deleted.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }
    public Guid? UserId { get; set; }

    /// <summary>The user's name and role as they were at the time, so the trail reads the same after accounts change.</summary>
    public string UserName { get; set; } = "";
    public string Role { get; set; } = "";

    public Guid? PersonId { get; set; }

    /// <summary>What was done: read, write, search, break-glass, caseload and account changes.</summary>
    public string Action { get; set; } = "";

    /// <summary>The method and route template, e.g. "GET /people/{id:guid}".</summary>
    public string Route { get; set; } = "";

    public AuditOutcome Outcome { get; set; }

    /// <summary>Why: the care relationship that allowed it, the reason for a refusal, or a break-glass reason.</summary>
    public string? Detail { get; set; }

    /// <summary>Set when a clinician opened the record in an emergency without a care relationship.</summary>
    public bool BreakGlass { get; set; }

    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
