namespace Upcare.Access;

/// <summary>Whether the access was allowed or refused.</summary>
public enum AuditOutcome
{
    Allowed,
    Refused,
}

/// <summary>
/// One line of the append-only audit trail: who did what to whose record, when, from which route, and whether it was
/// allowed. An entry is stored in the same transaction as the change it records; the chainer then gives it its place in
/// the chain (sequence number and hashes), so changing or removing an entry breaks the chain.
/// </summary>
public class AuditEntry
{
    /// <summary>The row's own key, in the order entries were stored.</summary>
    public long Id { get; set; }

    /// <summary>1, 2, 3 … with no gaps once chained (a gap means an entry was deleted); null until the chainer reaches it.</summary>
    public long? Sequence { get; set; }

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

    /// <summary>Both null until the entry is chained.</summary>
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }

    /// <summary>A new, unchained entry for <paramref name="e"/> at <paramref name="at"/>, its text cut to the stored lengths.</summary>
    public static AuditEntry From(AuditEvent e, DateTime at) => new()
    {
        At = AuditChain.Truncate(at),
        UserId = e.UserId,
        UserName = Cut(e.UserName, 200),
        Role = Cut(e.Role, 30),
        PersonId = e.PersonId,
        Action = Cut(e.Action, 40),
        Route = Cut(e.Route, 200),
        Outcome = e.Outcome,
        Detail = e.Detail is null ? null : Cut(e.Detail, AccessLimits.Reason + 100),
        BreakGlass = e.BreakGlass,
    };

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
