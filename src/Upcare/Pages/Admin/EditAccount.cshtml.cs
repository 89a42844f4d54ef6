using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.Admin;

/// <summary>Changes an account's name, role and workplace; unlocks, closes and reopens it; sets a new password.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class EditAccountModel(AccountService accounts, PersonService people, OrganisationService organisations) : AccountFormModel(organisations)
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public UpcareUser? Account { get; private set; }
    public bool LockedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Input = new AccountDetails
        {
            DisplayName = Account!.DisplayName,
            Email = Account.Email,
            Role = Account.Role,
            OrganisationId = Account.OrganisationId,
            NhsNumber = Account.PersonId is { } pid ? (await people.GetAsync(pid, ct))?.NhsNumber : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) => await ChangeAsync(() => accounts.UpdateAsync(UserId, Input, ct), "Account saved", ct);

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) => await ChangeAsync(() => accounts.UnlockAsync(UserId), "Account unlocked", ct);

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => await ChangeAsync(() => accounts.SetDeactivatedAsync(UserId, true), "Account closed", ct);

    public async Task<IActionResult> OnPostReopenAsync(CancellationToken ct) => await ChangeAsync(() => accounts.SetDeactivatedAsync(UserId, false), "Account reopened", ct);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct) => await ChangeAsync(() => accounts.SetPasswordAsync(UserId, NewPassword), "New password set", ct);

    private async Task<IActionResult> ChangeAsync(Func<Task> change, string done, CancellationToken ct)
    {
        try
        {
            await change();
            TempData["Success"] = done;
            return Redirect($"/admin/accounts/{UserId}");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors.Where(f => f.Field != "NewPassword"), nameof(Input));
            ShowErrors(e.Errors.Where(f => f.Field == "NewPassword"));
            if (!await LoadAsync(ct))
            {
                return NotFound();
            }
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Account = await accounts.FindAsync(UserId, ct);
        if (Account is null)
        {
            return false;
        }
        LockedOut = Account.LockoutEnd > DateTimeOffset.UtcNow;
        await LoadChoicesAsync(ct);
        return true;
    }
}
