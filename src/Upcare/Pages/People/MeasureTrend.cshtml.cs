using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Pages.Shared;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>One instrument's scores for a person over time, for a practitioner with a relationship.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class MeasureTrendModel(OutcomeService outcomes, PersonService people) : UpcarePageModel
{
    public TrendView View { get; private set; } = default!;
    public string PersonName { get; private set; } = "";
    public Guid PersonId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string instrument, CancellationToken ct)
    {
        if (outcomes.Catalogue.Find(instrument) is not { } definition || await people.GetAsync(id, ct) is not { } person)
        {
            return NotFound();
        }
        PersonId = id;
        PersonName = person.FullName;
        View = new TrendView(definition, await outcomes.TrendAsync(id, instrument, ct));
        return Page();
    }
}
