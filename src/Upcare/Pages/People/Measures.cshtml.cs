using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.People;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>A person's questionnaires and outcomes, for a practitioner with a relationship: alerts, results, what is due.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class MeasuresModel(OutcomeService outcomes, PersonService people, TimeProvider clock) : UpcarePageModel
{
    public Person Person { get; private set; } = default!;
    public IReadOnlyList<OpenAlert> Alerts { get; private set; } = [];
    public IReadOnlyList<LatestMeasure> Results { get; private set; } = [];
    public IReadOnlyList<MeasureRequest> Due { get; private set; } = [];
    public IReadOnlyList<MeasureResponse> Started { get; private set; } = [];
    public InstrumentCatalogue Catalogue => outcomes.Catalogue;
    public DateOnly Today => UkTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await people.GetAsync(id, ct) is not { } person)
        {
            return NotFound();
        }
        Person = person;
        Alerts = await outcomes.OpenAlertsAsync(id, ct);
        Results = await outcomes.LatestAsync(id, ct);
        Due = await outcomes.DueAsync(id, ct);
        Started = await outcomes.InProgressAsync(id, ct);
        return Page();
    }
}
