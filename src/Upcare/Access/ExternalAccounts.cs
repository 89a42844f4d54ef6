using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.Access;

/// <summary>Matches someone signed in by NHS login or NHS CIS2 to an Upcare account.</summary>
public class ExternalAccounts(UpcareDbContext db, UserManager<UpcareUser> users, TimeProvider clock)
{
    public async Task<(UpcareUser? User, string? Problem)> FindOrLinkAsync(ExternalLoginInfo info, CancellationToken ct = default)
    {
        if (await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) is { } known)
        {
            return (known, null);
        }
        var email = info.Principal.FindFirst("email")?.Value;
        if (info.LoginProvider == AccessSetup.NhsLoginScheme)
        {
            // NHS login's "profile" scope gives the verified NHS number.
            var nhsNumber = People.NhsNumber.Normalise(info.Principal.FindFirst("nhs_number")?.Value);
            var person = nhsNumber is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.NhsNumber == nhsNumber, ct);
            if (person is null)
            {
                return (null, "Your NHS login does not match anyone this service cares for. Ask your GP practice or link worker.");
            }
            var account = await db.Users.FirstOrDefaultAsync(u => u.PersonId == person.Id, ct);
            if (account is null)
            {
                account = new UpcareUser
                {
                    Id = Guid.NewGuid(),
                    UserName = email ?? $"nhs-login-{nhsNumber}",
                    Email = email,
                    DisplayName = person.FullName,
                    Role = UserRole.Person,
                    PersonId = person.Id,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                };
                var created = await users.CreateAsync(account);
                if (!created.Succeeded)
                {
                    return (null, "An account could not be opened for you: " + string.Join(" ", created.Errors.Select(e => e.Description)));
                }
            }
            await users.AddLoginAsync(account, info);
            return (account, null);
        }
        // CIS2: staff accounts are opened by an administrator, who decides the role; the smartcard identity is linked by email.
        var staff = email is null ? null : await users.FindByEmailAsync(email);
        if (staff is null || staff.Role == UserRole.Person)
        {
            return (null, "There is no Upcare staff account for your NHS identity. Ask your Upcare administrator to open one with your NHS email address.");
        }
        await users.AddLoginAsync(staff, info);
        return (staff, null);
    }
}
