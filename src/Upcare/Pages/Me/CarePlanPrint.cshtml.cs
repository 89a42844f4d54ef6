using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The person's own plan, laid out to print.</summary>
[Authorize(Policy = AccessPolicies.OwnOrSharedRecord)]
public class CarePlanPrintModel(CarePlanService plans, PersonService people, CurrentUser user) : UpcarePageModel
{
    public CarePlan Plan { get; private set; } = default!;
    public Person Person { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await plans.GetAsync(user.PersonId!.Value, ct) is not { } plan || await people.GetAsync(user.PersonId!.Value, ct) is not { } person)
        {
            return NotFound();
        }
        (Plan, Person) = (plan, person);
        return Page();
    }
}
