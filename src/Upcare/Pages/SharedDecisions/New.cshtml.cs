using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.People;
using Upcare.Shared;
using Upcare.SharedDecisions;

namespace Upcare.Pages.SharedDecisions;

/// <summary>A clinician opens a decision with the person: the decision aid, and the person's SURE test before talking the options through.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class NewModel(PersonService people, SharedDecisionService decisions, DecisionAidService aids) : Upcare.Pages.Shared.PersonPageModel(people)
{
    [BindProperty] public Guid? AidId { get; set; }
    [BindProperty] public SureAnswers Before { get; set; } = new();

    public IReadOnlyList<SelectListItem> AidChoices { get; private set; } = [];

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return false;
        }
        AidChoices = (await aids.ListAsync(includeWithdrawn: false, ct)).Select(a => new SelectListItem(a.Title + (a.WrittenForDemo ? " (written for the demo)" : ""), a.Id.ToString())).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var decision = await decisions.StartAsync(Id, AidId, Before, ct);
            return Redirect($"/people/{Id}/decisions/{decision.Id}");
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            return Page();
        }
    }
}
