using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>A person chooses who else may see their record, and withdraws that permission.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class CarersModel(CarerService carers, CurrentUser user) : UpcarePageModel
{
    [BindProperty] public string? CarerEmail { get; set; }
    [BindProperty] public string? Relationship { get; set; }

    public IReadOnlyList<SharedWith> SharedWith { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => SharedWith = await carers.SharedWithAsync(user.PersonId!.Value, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await carers.GrantAsync(CarerEmail, Relationship, ct);
            TempData["Success"] = "They can now see your record";
            return Redirect("/me/carers");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            await OnGetAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid permissionId, CancellationToken ct)
    {
        try
        {
            await carers.WithdrawAsync(permissionId, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "They can no longer see your record";
        return Redirect("/me/carers");
    }
}
