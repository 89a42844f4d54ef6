using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Outcomes;

/// <summary>A clinician's own collaboRATE results, shown only once there are enough encounters to mean something.</summary>
[Authorize(Policy = AccessPolicies.Clinicians)]
public class CollaborateModel(OutcomeService outcomes, CurrentUser user) : UpcarePageModel
{
    public CollaborateResult Result { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await outcomes.CollaborateForAsync(user.Id!.Value, ct);
}
