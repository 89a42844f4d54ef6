using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.People;

namespace Upcare.Pages.CarePlans;

/// <summary>The plan in plain English, laid out to print for the person to take home.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class PrintModel(PersonService people, CarePlanService plans) : CarePlanPageModel(people, plans)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) && Plan is not null ? Page() : NotFound();
}
