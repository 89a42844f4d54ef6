using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.Access;

/// <summary>Someone a person has let see their record.</summary>
public sealed record SharedWith(Guid PermissionId, string CarerName, string CarerEmail, string Relationship, DateTime GrantedAt);

/// <summary>A record shared with the signed-in carer.</summary>
public sealed record SharedWithMe(Guid PersonId, string Name, string Relationship, DateTime GrantedAt);

/// <summary>A person's permissions for carers to see their record: given and withdrawn only by the person.</summary>
public class CarerService(UpcareDbContext db, PersonAccess access, TimeProvider clock)
{
    private const string Route = "POST /me/carers";

    public Task<List<SharedWith>> SharedWithAsync(Guid personId, CancellationToken ct = default) =>
        db.CarerPermissions.AsNoTracking()
            .Where(c => c.PersonId == personId && c.WithdrawnAt == null)
            .Join(db.Users, c => c.CarerUserId, u => u.Id, (c, u) => new { c, u })
            .OrderBy(x => x.u.DisplayName)
            .Select(x => new SharedWith(x.c.Id, x.u.DisplayName, x.u.Email ?? "", x.c.Relationship, x.c.GrantedAt))
            .ToListAsync(ct);

    public Task<List<SharedWithMe>> SharedWithMeAsync(Guid carerUserId, CancellationToken ct = default) =>
        db.CarerPermissions.AsNoTracking()
            .Where(c => c.CarerUserId == carerUserId && c.WithdrawnAt == null)
            .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => new { c, p })
            .OrderBy(x => x.p.FamilyNameKey).ThenBy(x => x.p.GivenNameKey)
            .Select(x => new SharedWithMe(x.p.Id, x.p.GivenName + " " + x.p.FamilyName, x.c.Relationship, x.c.GrantedAt))
            .ToListAsync(ct);

    /// <summary>The signed-in person lets the holder of the account with this email address see their record.</summary>
    public async Task GrantAsync(string? carerEmail, string? relationship, CancellationToken ct = default)
    {
        var personId = access.User.PersonId ?? throw new UnauthorizedAccessException();
        var v = new Validation();
        var email = v.Required("CarerEmail", carerEmail, "Enter the email address your carer signs in to Upcare with", 256, "Email address");
        var rel = v.Required("Relationship", relationship, "Enter who they are to you, for example 'my daughter'", 100, "Who they are to you");
        UpcareUser? carer = null;
        if (email is not null)
        {
            carer = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct);
            if (carer is null || carer.Role != UserRole.Person || carer.DeactivatedAt is not null)
            {
                v.Add("CarerEmail", "No one with an Upcare account uses this email address. Ask them to get an account first");
            }
            else if (carer.Id == access.User.Id)
            {
                v.Add("CarerEmail", "Enter your carer's email address, not your own");
            }
            else if (await db.CarerPermissions.AnyAsync(c => c.PersonId == personId && c.CarerUserId == carer.Id && c.WithdrawnAt == null, ct))
            {
                v.Add("CarerEmail", $"{carer.DisplayName} can already see your record");
            }
        }
        v.ThrowIfInvalid();
        db.CarerPermissions.Add(new CarerPermission
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            CarerUserId = carer!.Id,
            Relationship = rel!,
            GrantedAt = clock.GetUtcNow().UtcDateTime,
        });
        access.Stage(personId, "carer-permission-given", Route, $"{carer.DisplayName} ({rel}) may see the record");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The signed-in person withdraws a carer's permission; the carer's next request is refused.</summary>
    public async Task WithdrawAsync(Guid permissionId, CancellationToken ct = default)
    {
        var personId = access.User.PersonId ?? throw new UnauthorizedAccessException();
        var permission = await db.CarerPermissions.FirstOrDefaultAsync(c => c.Id == permissionId && c.PersonId == personId && c.WithdrawnAt == null, ct)
            ?? throw new KeyNotFoundException();
        permission.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        var carer = await db.Users.AsNoTracking().Where(u => u.Id == permission.CarerUserId).Select(u => u.DisplayName).FirstAsync(ct);
        access.Stage(personId, "carer-permission-withdrawn", Route, $"{carer} may no longer see the record");
        await db.SaveChangesAsync(ct);
    }
}
