using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Access;

/// <summary>What an administrator enters to open or change an account.</summary>
public sealed class AccountDetails
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public UserRole? Role { get; set; }
    public Guid? OrganisationId { get; set; }

    /// <summary>For a person's account: the NHS number of their record.</summary>
    public string? NhsNumber { get; set; }
}

/// <summary>One row of the accounts list.</summary>
public sealed record AccountSummary(Guid Id, string DisplayName, string Email, UserRole Role, string? Organisation, bool LockedOut, bool Deactivated);

/// <summary>Opens, changes, unlocks and closes accounts. Only administrators reach it (and demo mode's seeding).</summary>
public class AccountService(UpcareDbContext db, UserManager<UpcareUser> users, PersonAccess access, TimeProvider clock)
{
    private const string Route = "/admin/accounts";

    public async Task<List<AccountSummary>> ListAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .OrderBy(u => u.Role).ThenBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.Role, u.LockoutEnd, u.DeactivatedAt, u.PersonId,
                Organisation = db.Organisations.Where(o => o.Id == u.OrganisationId).Select(o => o.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // A person's own account carries their name: listing it is a look at them.
        await access.RecordShownAsync(rows.Where(u => u.PersonId != null).Select(u => u.PersonId!.Value), "account-listed", "GET /admin/accounts", "Name on a person's own account");
        return rows.Select(u => new AccountSummary(u.Id, u.DisplayName, u.Email ?? "", u.Role, u.Organisation, u.LockoutEnd > now, u.DeactivatedAt is not null)).ToList();
    }

    public Task<UpcareUser?> FindAsync(Guid id, CancellationToken ct = default) => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);

    public Task<List<UpcareUser>> StaffWithCaseloadsAsync(CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => UserRoles.WithCaseloads.Contains(u.Role) && u.DeactivatedAt == null).OrderBy(u => u.DisplayName).ToListAsync(ct);

    /// <summary>Opens an account with a first password the administrator passes on; the user should change it.</summary>
    public async Task<UpcareUser> CreateAsync(AccountDetails details, string? password, CancellationToken ct = default)
    {
        var v = new Validation();
        var user = new UpcareUser { Id = Guid.NewGuid(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        await ValidateIntoAsync(details, user, v, ct);
        if (string.IsNullOrEmpty(password))
        {
            v.Add("Password", "Enter a first password for the account");
        }
        else
        {
            foreach (var error in (await Task.WhenAll(users.PasswordValidators.Select(p => p.ValidateAsync(users, user, password)))).SelectMany(r => r.Errors))
            {
                v.Add("Password", PasswordMessage(error));
            }
        }
        v.ThrowIfInvalid();
        // The identity store saves through the same unit of work, so the account and its entry commit together.
        access.Stage(user.PersonId, "account-opened", "POST " + Route, $"{user.Email} as {UserRoles.Label(user.Role)}");
        var result = await users.CreateAsync(user, password!);
        if (!result.Succeeded)
        {
            access.Unstage();
            throw new ValidationFailedException(result.Errors.Select(e => new FieldError(e.Code.Contains("Email") ? "Email" : "Password", PasswordMessage(e))).ToList());
        }
        return user;
    }

    public async Task UpdateAsync(Guid id, AccountDetails details, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new KeyNotFoundException();
        var v = new Validation();
        await ValidateIntoAsync(details, user, v, ct);
        v.ThrowIfInvalid();
        // A new role or workplace takes effect at the user's next request check (security stamp), not at their next sign-in.
        user.SecurityStamp = Guid.NewGuid().ToString();
        access.Stage(user.PersonId, "account-changed", "POST " + Route + "/{id}", $"{user.Email} as {UserRoles.Label(user.Role)}");
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            access.Unstage();
            throw new ValidationFailedException(result.Errors.Select(e => new FieldError("Email", PasswordMessage(e))).ToList());
        }
    }

    /// <summary>Sets a new password for a user who has forgotten theirs; every session they have ends at once.</summary>
    public async Task SetPasswordAsync(Guid id, string? password)
    {
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new KeyNotFoundException();
        if (string.IsNullOrEmpty(password))
        {
            throw new ValidationFailedException([new FieldError("NewPassword", "Enter the new password")]);
        }
        var problems = (await Task.WhenAll(users.PasswordValidators.Select(p => p.ValidateAsync(users, user, password)))).SelectMany(r => r.Errors).ToList();
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems.Select(e => new FieldError("NewPassword", PasswordMessage(e))).ToList());
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        await SaveAdministratorChangeAsync(user, "password-set", "/password", endSessions: true);
    }

    public async Task UnlockAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new KeyNotFoundException();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await SaveAdministratorChangeAsync(user, "account-unlocked", "/unlock", endSessions: false);
    }

    /// <summary>Closes the account: it cannot sign in, and every session it has ends at once.</summary>
    public async Task SetDeactivatedAsync(Guid id, bool deactivated)
    {
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new KeyNotFoundException();
        user.DeactivatedAt = deactivated ? clock.GetUtcNow().UtcDateTime : null;
        await SaveAdministratorChangeAsync(user, deactivated ? "account-closed" : "account-reopened", deactivated ? "/close" : "/reopen", endSessions: deactivated);
    }

    // One save for the account and its audit entry, and the sessions ended in the same transaction: an administrator's
    // action is either done and on the trail, or neither.
    private async Task SaveAdministratorChangeAsync(UpcareUser user, string action, string route, bool endSessions)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (endSessions)
        {
            user.SecurityStamp = Guid.NewGuid().ToString();
        }
        access.Stage(user.PersonId, action, "POST " + Route + "/{id}" + route, $"{user.Email} as {UserRoles.Label(user.Role)}");
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            access.Unstage();
            throw new ValidationFailedException([new FieldError("Email", "Someone else changed this account at the same time. Check it and try again")]);
        }
        if (endSessions)
        {
            await UserSessions.EndAllAsync(db, user.Id, clock.GetUtcNow().UtcDateTime);
        }
        await transaction.CommitAsync();
    }

    private async Task ValidateIntoAsync(AccountDetails details, UpcareUser user, Validation v, CancellationToken ct)
    {
        var name = v.Required("DisplayName", details.DisplayName, "Enter the user's full name", 200, "Full name");
        var email = v.Required("Email", details.Email, "Enter the user's email address", 256, "Email address");
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            v.Add("Email", "Enter an email address in the correct format, like name@example.nhs.uk");
        }
        else if (email is not null && await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant() && u.Id != user.Id, ct))
        {
            v.Add("Email", "Another account already uses this email address");
        }
        if (details.Role is not { } role)
        {
            v.Add("Role", "Select the kind of user");
            return;
        }
        Guid? organisationId = null;
        Guid? personId = null;
        var kind = role switch
        {
            UserRole.Clinician => OrganisationKind.GpPractice,
            UserRole.VcseWorker => OrganisationKind.VcseOrganisation,
            _ => (OrganisationKind?)null,
        };
        if (kind is not null)
        {
            var org = details.OrganisationId is { } oid ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid, ct) : null;
            if (org is null || org.Kind != kind)
            {
                v.Add("OrganisationId", kind == OrganisationKind.GpPractice ? "Select the clinician's GP practice" : "Select the VCSE worker's organisation");
            }
            organisationId = org?.Id;
        }
        else if (details.OrganisationId is { } other)
        {
            organisationId = await db.Organisations.AnyAsync(o => o.Id == other, ct) ? other : null;
        }
        if (role == UserRole.Person)
        {
            var digits = People.NhsNumber.Normalise(details.NhsNumber);
            var person = digits is null ? null : await db.People.AsNoTracking().Where(p => p.NhsNumber == digits).Select(p => new { p.Id }).FirstOrDefaultAsync(ct);
            if (person is null)
            {
                v.Add("NhsNumber", digits is null ? "Enter the person's 10-digit NHS number" : "No one with this NHS number is on Upcare: add the person first");
            }
            else if (await db.Users.AnyAsync(u => u.PersonId == person.Id && u.Id != user.Id, ct))
            {
                v.Add("NhsNumber", "This person already has an account");
            }
            personId = person?.Id;
        }
        if (!v.IsValid)
        {
            return;
        }
        user.DisplayName = name!;
        user.Email = email;
        user.UserName = email;
        user.Role = role;
        user.OrganisationId = organisationId;
        user.PersonId = personId;
    }

    private static string PasswordMessage(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" => "Password must be 12 characters or more",
        "DuplicateUserName" or "DuplicateEmail" => "Another account already uses this email address",
        _ => e.Description,
    };
}
