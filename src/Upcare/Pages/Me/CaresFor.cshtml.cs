using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Organisations;
using Upcare.Pages.Shared;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The record of someone the signed-in carer cares for, while that person's permission lasts.</summary>
[Authorize(Policy = AccessPolicies.OwnOrSharedRecord)]
public class CaresForModel(PersonService people, OrganisationService organisations, TimeProvider clock) : UpcarePageModel
{
    public PersonRecordView Record { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await MyRecordModel.LoadAsync(people, organisations, id, clock, ct) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        return Page();
    }
}
