using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Pages.Outcomes;

namespace Upcare.Pages.People;

/// <summary>A practitioner completing a questionnaire with the person in a conversation, or viewing and correcting a completed one.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class MeasureResponseModel(OutcomeService outcomes) : AnswerPageModel(outcomes)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    protected override Guid PersonId => Id;
    protected override string PageUrl => $"/people/{Id}/measures/responses/{ResponseId}";
    protected override string DoneUrl => $"/people/{Id}/measures/{Answering.InstrumentCode}";
    protected override string LaterUrl => $"/people/{Id}/measures";

    /// <summary>Starts a correction: a new response with these answers, which replaces this one when submitted.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        try
        {
            var correction = await Outcomes.StartCorrectionAsync(Id, ResponseId, ct);
            return Redirect($"/people/{Id}/measures/responses/{correction.Id}");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }
}
