namespace Upcare.Access;

/// <summary>A person on a member of staff's caseload (link worker, health coach, care coordinator, budget officer), from when to when.</summary>
public class CaseloadAssignment
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid PersonId { get; set; }
    public DateTime StartedAt { get; set; }
    public Guid? StartedByUserId { get; set; }
    public DateTime? EndedAt { get; set; }
    public Guid? EndedByUserId { get; set; }
}

/// <summary>A person's permission for someone who cares for them to see their record, until they withdraw it.</summary>
public class CarerPermission
{
    public Guid Id { get; set; }

    /// <summary>The person whose record is shared.</summary>
    public Guid PersonId { get; set; }

    /// <summary>The carer's Upcare account.</summary>
    public Guid CarerUserId { get; set; }

    /// <summary>How the person describes the carer, for example "my daughter".</summary>
    public string Relationship { get; set; } = "";

    public DateTime GrantedAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
}

/// <summary>Emergency access by a clinician with no care relationship, with the reason they gave; it lapses after a few hours.</summary>
public class BreakGlassAccess
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid PersonId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
