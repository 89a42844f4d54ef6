using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.CarePlans;

/// <summary>Records that the person agrees the plan, at the version on the screen, with who and when.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class AgreeModel(PersonService people, CarePlanService plans) : CarePlanPageModel(people, plans)
{
    [BindProperty] public bool PersonAgreed { get; set; }
    [BindProperty] public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is null)
        {
            return NotFound();
        }
        Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is null)
        {
            return NotFound();
        }
        try
        {
            await Plans.AgreeAsync(Id, Version, PersonAgreed, PersonName, "POST /people/{id:guid}/care-plan/agree", ct);
            TempData["Success"] = $"Plan agreed with {PersonName}";
            return Redirect($"/people/{Id}/care-plan");
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            ModelState.Remove(nameof(Version));
            Version = Plan.Version;
            return Page();
        }
    }
}
