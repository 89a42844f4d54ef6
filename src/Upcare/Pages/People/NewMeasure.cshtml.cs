using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.People;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>Send a questionnaire to a person (once or on a schedule), complete one with them now, or stop one that was sent.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class NewMeasureModel(OutcomeService outcomes, PersonService people) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? InstrumentCode { get; set; }
    [BindProperty] public DateParts DueOn { get; set; } = new();
    [BindProperty] public int? RepeatEveryMonths { get; set; }

    public string PersonName { get; private set; } = "";
    public IReadOnlyList<SelectListItem> Instruments { get; private set; } = [];
    public IReadOnlyList<MeasureRequest> Due { get; private set; } = [];
    public InstrumentCatalogue Catalogue => outcomes.Catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var request = await outcomes.RequestAsync(Id, InstrumentCode, DueOn, RepeatEveryMonths, ct);
            TempData["Success"] = $"{outcomes.Catalogue.Find(request.InstrumentCode)!.Name} sent to {PersonName}: it is on their questionnaires page";
            return Redirect($"/people/{Id}/measures");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var response = await outcomes.StartAsync(Id, InstrumentCode, CompletionMode.WithPractitioner, null, ct);
            return Redirect($"/people/{Id}/measures/responses/{response.Id}");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostStopAsync(Guid requestId, CancellationToken ct)
    {
        try
        {
            await outcomes.CancelRequestAsync(Id, requestId, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "The questionnaire has been stopped";
        return Redirect($"/people/{Id}/measures");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await people.GetAsync(Id, ct) is not { } person)
        {
            return false;
        }
        PersonName = person.FullName;
        Instruments = outcomes.Catalogue.All.Select(i => new SelectListItem(i.ListName + (i.PractitionerOnly ? " (recorded by you)" : "") + (i.DemoCopy ? " – demo copy" : ""), i.Code)).ToList();
        Due = await outcomes.DueAsync(Id, ct);
        return true;
    }
}
