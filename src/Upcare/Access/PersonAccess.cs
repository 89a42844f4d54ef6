using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Data;
using Upcare.People;

namespace Upcare.Access;

/// <summary>Whether someone wants to look at a record or change it.</summary>
public enum AccessPurpose
{
    Read,
    Write,
}

/// <summary>The answer to "may this user see this person's record, and why?".</summary>
public sealed record AccessDecision(bool Allowed, string Reason, bool BreakGlass = false, bool BreakGlassAvailable = false, bool PersonExists = true)
{
    public static AccessDecision Allow(string reason, bool breakGlass = false) => new(true, reason, breakGlass);
    public static AccessDecision Refuse(string reason, bool breakGlassAvailable = false) => new(false, reason, BreakGlassAvailable: breakGlassAvailable);
    public static readonly AccessDecision NoSuchPerson = new(false, "No such person", PersonExists: false);
}

/// <summary>The <c>Upcare:Access</c> configuration section.</summary>
public sealed class AccessOptions
{
    /// <summary>How long break-glass access lasts once a clinician has given a reason.</summary>
    public TimeSpan BreakGlassLasts { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>
/// The one place that decides who may see which person: every page, endpoint and query about named people asks here,
/// either for a decision on one record or for the filter that lists and searches apply.
/// </summary>
public sealed class PersonAccess(UpcareDbContext db, CurrentUser user, TimeProvider clock, AuditTrail audit, IOptions<AccessOptions> options, RequestRefusal refusal)
{
    public CurrentUser User => user;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Only the people this user may see. Lists and searches of people start here.</summary>
    public IQueryable<Person> Visible(IQueryable<Person> people)
    {
        var userId = user.Id;
        var now = Now;
        switch (user.Role)
        {
            case UserRole.Clinician:
                var practice = user.OrganisationId;
                return people.Where(p => practice != null && p.GpPracticeId == practice);
            case UserRole r when UserRoles.HoldsCaseload(r):
                return people.Where(p => db.CaseloadAssignments.Any(a => a.UserId == userId && a.PersonId == p.Id && a.EndedAt == null));
            case UserRole.Person:
                var own = user.PersonId;
                return people.Where(p => p.Id == own
                    || db.CarerPermissions.Any(c => c.CarerUserId == userId && c.PersonId == p.Id && c.WithdrawnAt == null));
            default:
                return people.Where(p => false);
        }
    }

    /// <summary>Decides whether this user may read or change one person's record, and on what grounds.</summary>
    public async Task<AccessDecision> DecideAsync(Guid personId, AccessPurpose purpose, CancellationToken ct = default)
    {
        if (user.Id is not { } userId)
        {
            return AccessDecision.Refuse("Not signed in");
        }
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.GpPracticeId }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return AccessDecision.NoSuchPerson;
        }
        switch (user.Role)
        {
            case UserRole.Clinician:
                if (user.OrganisationId is { } practice && person.GpPracticeId == practice)
                {
                    return AccessDecision.Allow("Registered at the clinician's practice");
                }
                var now = Now;
                var glass = await db.BreakGlassAccesses.AsNoTracking()
                    .Where(a => a.UserId == userId && a.PersonId == personId && a.ExpiresAt > now)
                    .OrderByDescending(a => a.StartedAt)
                    .Select(a => a.Reason)
                    .FirstOrDefaultAsync(ct);
                return glass is not null
                    ? AccessDecision.Allow($"Break glass: {glass}", breakGlass: true)
                    : AccessDecision.Refuse("No care relationship: not registered at the clinician's practice", breakGlassAvailable: true);
            case UserRole r when UserRoles.HoldsCaseload(r):
                return await db.CaseloadAssignments.AnyAsync(a => a.UserId == userId && a.PersonId == personId && a.EndedAt == null, ct)
                    ? AccessDecision.Allow("On the user's caseload")
                    : AccessDecision.Refuse("No care relationship: not on the user's caseload");
            case UserRole.Person:
                if (user.PersonId == personId)
                {
                    return AccessDecision.Allow("Their own record");
                }
                if (purpose == AccessPurpose.Write)
                {
                    return AccessDecision.Refuse("A carer may read, not change, the record of the person they care for");
                }
                return await db.CarerPermissions.AnyAsync(c => c.CarerUserId == userId && c.PersonId == personId && c.WithdrawnAt == null, ct)
                    ? AccessDecision.Allow("Carer, with the person's permission")
                    : AccessDecision.Refuse("No permission from this person");
            default:
                return AccessDecision.Refuse($"A {UserRoles.Label(user.Role!.Value).ToLowerInvariant()} does not see named people's records");
        }
    }

    /// <summary>Someone with a caseload who adds a person takes them on; a clinician's relationship comes from the practice.</summary>
    public void AddCreatorsRelationship(Guid personId)
    {
        if (user.Role is { } role && UserRoles.HoldsCaseload(role) && user.Id is { } userId)
        {
            db.CaseloadAssignments.Add(new CaseloadAssignment { Id = Guid.NewGuid(), UserId = userId, PersonId = personId, StartedAt = Now, StartedByUserId = userId });
        }
    }

    /// <summary>Opens a record in an emergency: only a clinician, only with a reason; the trail flags it.</summary>
    public async Task<BreakGlassAccess> BreakGlassAsync(Guid personId, string? reason, string route, CancellationToken ct = default)
    {
        var v = new Shared.Validation();
        var why = v.Required("Reason", reason, "Enter why you need to see this record now", AccessLimits.Reason, "Reason");
        if (why is { Length: < AccessLimits.MinimumReason })
        {
            v.Add("Reason", $"Reason must be at least {AccessLimits.MinimumReason} characters, so that anyone reading the audit trail understands it");
        }
        if (user.Role != UserRole.Clinician || user.Id is not { } userId)
        {
            throw new UnauthorizedAccessException("Only a clinician can use break glass");
        }
        if (!v.IsValid)
        {
            await RecordAsync(personId, "break-glass", route, AuditOutcome.Refused, "Break glass refused: no reason given");
            throw new Shared.ValidationFailedException(v.Errors);
        }
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            throw new KeyNotFoundException();
        }
        var access = new BreakGlassAccess
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            PersonId = personId,
            Reason = why!,
            StartedAt = Now,
            ExpiresAt = Now + options.Value.BreakGlassLasts,
        };
        db.BreakGlassAccesses.Add(access);
        Stage(personId, "break-glass", route, $"Break glass: {why}", breakGlass: true);
        await db.SaveChangesAsync(ct);
        return access;
    }

    /// <summary>
    /// Adds the audit entry for a change this user is making to the unit of work, so the next save stores the change
    /// and its entry in one transaction: both or neither.
    /// </summary>
    public void Stage(Guid? personId, string action, string route, string? detail, bool breakGlass = false) =>
        db.AuditEntries.Add(AuditEntry.From(new AuditEvent(user.Id, user.AuditName, user.AuditRole, personId, action, route, AuditOutcome.Allowed, detail, breakGlass), Now));

    /// <summary>Takes back an entry staged for a change that was then not made (the save failed and the outcome is another).</summary>
    public void Unstage()
    {
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// One entry per person named in a list or search this user is shown, so each person sees the look under "who has
    /// looked at my record"; queued together, so they are stored in one write.
    /// </summary>
    public Task RecordShownAsync(IEnumerable<Guid> people, string action, string route, string detail) =>
        Task.WhenAll(people.Distinct().Select(person =>
            audit.RecordAsync(new AuditEvent(user.Id, user.AuditName, user.AuditRole, person, action, route, AuditOutcome.Allowed, detail))));

    /// <summary>Writes an entry about what this user saw or was refused (or a search, with no person); changes use <see cref="Stage"/>.</summary>
    public Task RecordAsync(Guid? personId, string action, string route, AuditOutcome outcome, string? detail, bool breakGlass = false)
    {
        refusal.Recorded |= outcome == AuditOutcome.Refused;
        return audit.RecordAsync(new AuditEvent(user.Id, user.AuditName, user.AuditRole, personId, action, route, outcome, detail, breakGlass));
    }
}
