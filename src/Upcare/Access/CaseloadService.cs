using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Access;

/// <summary>One person on a caseload.</summary>
public sealed record CaseloadEntry(Guid AssignmentId, Guid PersonId, string NhsNumber, string Name, DateOnly DateOfBirth, DateTime Since);

/// <summary>Someone who has a person on their caseload: their link worker, coach or care coordinator.</summary>
public sealed record CareTeamMember(Guid UserId, string Name, UserRole Role);

/// <summary>Who is on whose caseload. Administrators assign; the relationship is what lets a link worker, coach or coordinator see a record.</summary>
public class CaseloadService(UpcareDbContext db, PersonAccess access, TimeProvider clock)
{
    private const string Route = "POST /admin/caseloads/{userId:guid}";

    /// <summary>The caseload as an administrator sees it: each person named on it is a look at their record, so each is audited.</summary>
    public async Task<List<CaseloadEntry>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        var entries = await db.CaseloadAssignments.AsNoTracking()
            .Where(a => a.UserId == userId && a.EndedAt == null)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a, p })
            .OrderBy(x => x.p.FamilyNameKey).ThenBy(x => x.p.GivenNameKey)
            .Select(x => new CaseloadEntry(x.a.Id, x.p.Id, x.p.NhsNumber, x.p.GivenName + " " + x.p.FamilyName, x.p.DateOfBirth, x.a.StartedAt))
            .ToListAsync(ct);
        await access.RecordShownAsync(entries.Select(e => e.PersonId), "caseload-listed", "GET /admin/caseloads/{userId:guid}", $"Name and NHS number on the caseload of user {userId}");
        return entries;
    }

    /// <summary>The staff who have this person on their caseload now, by name.</summary>
    public async Task<List<CareTeamMember>> CareTeamAsync(Guid personId, CancellationToken ct = default) =>
        (await db.CaseloadAssignments.AsNoTracking()
            .Where(a => a.PersonId == personId && a.EndedAt == null)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { u.Id, u.DisplayName, u.Role, u.DeactivatedAt })
            .Where(u => u.DeactivatedAt == null)
            .ToListAsync(ct))
        .Select(u => new CareTeamMember(u.Id, u.DisplayName, u.Role)).OrderBy(u => u.Name).ToList();

    /// <summary>Adds the person with this NHS number to the caseload of <paramref name="userId"/>.</summary>
    public async Task<Person> AssignAsync(Guid userId, string? nhsNumber, CancellationToken ct = default)
    {
        var staff = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new KeyNotFoundException();
        if (!UserRoles.HoldsCaseload(staff.Role))
        {
            throw new ValidationFailedException([new FieldError("NhsNumber", $"A {UserRoles.Label(staff.Role).ToLowerInvariant()} does not hold a caseload")]);
        }
        if (!People.NhsNumber.TryParse(nhsNumber, out var number))
        {
            throw new ValidationFailedException([new FieldError("NhsNumber", string.IsNullOrWhiteSpace(nhsNumber)
                ? "Enter the person's NHS number"
                : "Enter a valid NHS number: 10 digits, like 943 476 5919")]);
        }
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.NhsNumber == number.Value, ct)
            ?? throw new ValidationFailedException([new FieldError("NhsNumber", $"No one with NHS number {number.Formatted} is on Upcare")]);
        if (await db.CaseloadAssignments.AnyAsync(a => a.UserId == userId && a.PersonId == person.Id && a.EndedAt == null, ct))
        {
            throw new ValidationFailedException([new FieldError("NhsNumber", $"{person.FullName} is already on {staff.DisplayName}'s caseload")]);
        }
        db.CaseloadAssignments.Add(new CaseloadAssignment
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            PersonId = person.Id,
            StartedAt = clock.GetUtcNow().UtcDateTime,
            StartedByUserId = access.User.Id,
        });
        access.Stage(person.Id, "caseload-assigned", Route, $"Added to the caseload of {staff.DisplayName} ({UserRoles.Label(staff.Role)})");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator added them at the same moment: the filtered unique index keeps one.
            throw new ValidationFailedException([new FieldError("NhsNumber", $"{person.FullName} is already on {staff.DisplayName}'s caseload")]);
        }
        return person;
    }

    /// <summary>
    /// Stages taking a person onto a user's caseload, unless they are on it already; saved with the change that needs
    /// it (a link worker taking on a referral), or not at all.
    /// </summary>
    public async Task StageAsync(Guid userId, Guid personId, CancellationToken ct = default)
    {
        if (!await db.CaseloadAssignments.AnyAsync(a => a.UserId == userId && a.PersonId == personId && a.EndedAt == null, ct))
        {
            db.CaseloadAssignments.Add(new CaseloadAssignment
            {
                Id = Guid.NewGuid(), UserId = userId, PersonId = personId, StartedAt = clock.GetUtcNow().UtcDateTime, StartedByUserId = access.User.Id,
            });
        }
    }

    /// <summary>Stages ending a person's place on a user's caseload (kept in the history), saved with the change that needs it.</summary>
    public async Task StageEndAsync(Guid userId, Guid personId, CancellationToken ct = default)
    {
        foreach (var assignment in await db.CaseloadAssignments.Where(a => a.UserId == userId && a.PersonId == personId && a.EndedAt == null).ToListAsync(ct))
        {
            assignment.EndedAt = clock.GetUtcNow().UtcDateTime;
            assignment.EndedByUserId = access.User.Id;
        }
    }

    /// <summary>Takes the person off the caseload; the history is kept.</summary>
    public async Task EndAsync(Guid userId, Guid assignmentId, CancellationToken ct = default)
    {
        var assignment = await db.CaseloadAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.UserId == userId && a.EndedAt == null, ct)
            ?? throw new KeyNotFoundException();
        assignment.EndedAt = clock.GetUtcNow().UtcDateTime;
        assignment.EndedByUserId = access.User.Id;
        var staff = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(ct);
        access.Stage(assignment.PersonId, "caseload-ended", Route, $"Taken off the caseload of {staff}");
        await db.SaveChangesAsync(ct);
    }
}
