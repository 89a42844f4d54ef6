using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The questionnaires a person has been asked to answer, those they have started, and their results so far.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class QuestionnairesModel(OutcomeService outcomes, CurrentUser user, TimeProvider clock) : UpcarePageModel
{
    public IReadOnlyList<MeasureRequest> Due { get; private set; } = [];
    public IReadOnlyList<MeasureResponse> Started { get; private set; } = [];
    public IReadOnlyList<LatestMeasure> Results { get; private set; } = [];
    public DateOnly Today => UkTime.Today(clock);
    public InstrumentCatalogue Catalogue => outcomes.Catalogue;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var personId = user.PersonId!.Value;
        Due = await outcomes.DueAsync(personId, ct);
        Started = await outcomes.InProgressAsync(personId, ct);
        Results = await outcomes.LatestAsync(personId, ct);
    }

    /// <summary>Starts (or carries on with) the questionnaire a practitioner asked for.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid requestId, string instrumentCode, CancellationToken ct)
    {
        try
        {
            var response = await outcomes.StartAsync(user.PersonId!.Value, instrumentCode, CompletionMode.SelfCompleted, requestId, ct);
            return Redirect($"/me/questionnaires/{response.Id}");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }
}
