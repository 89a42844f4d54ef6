using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.People;

namespace Upcare.Pages.CarePlans;

/// <summary>Every kept version of the plan: who saved it, when, what they changed, and who agreed it.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class HistoryModel(PersonService people, CarePlanService plans) : CarePlanPageModel(people, plans)
{
    public IReadOnlyList<PlanVersionView> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is null)
        {
            return NotFound();
        }
        Versions = await Plans.HistoryAsync(Plan.Id, ct);
        return Page();
    }
}
