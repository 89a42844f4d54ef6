using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>Emergency access for a clinician with no care relationship: only after giving a reason, which the trail flags.</summary>
[Authorize(Policy = AccessPolicies.BreakGlass)]
public class BreakGlassModel(PersonAccess access) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var decision = await access.DecideAsync(Id, AccessPurpose.Read, ct);
        if (!decision.PersonExists)
        {
            return NotFound();
        }
        return decision.Allowed ? Redirect(Back) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await access.BreakGlassAsync(Id, Reason, "POST /people/{id:guid}/break-glass", ct);
            return Redirect(Back);
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }

    private string Back => Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith($"/people/{Id}", StringComparison.Ordinal) ? ReturnUrl : $"/people/{Id}";
}
