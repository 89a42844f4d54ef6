using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Pages.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>A person's own scores on one instrument over time.</summary>
[Authorize(Policy = AccessPolicies.OwnOrSharedRecord)]
public class TrendModel(OutcomeService outcomes, CurrentUser user) : UpcarePageModel
{
    public TrendView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string instrument, CancellationToken ct)
    {
        if (outcomes.Catalogue.Find(instrument) is not { } definition)
        {
            return NotFound();
        }
        View = new TrendView(definition, await outcomes.TrendAsync(user.PersonId!.Value, instrument, ct));
        return Page();
    }
}
