using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.People;
using Upcare.Shared;
using Upcare.SharedDecisions;

namespace Upcare.Pages.SharedDecisions;

/// <summary>
/// The options side by side, what matters most to the person, and the choice (or a date to come back), with SURE after.
/// Recording the choice sends collaboRATE to the person.
/// </summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class DecisionModel(PersonService people, SharedDecisionService decisions, DecisionAidService aids, CarePlanService plans) : Upcare.Pages.Shared.PersonPageModel(people)
{
    [BindProperty(SupportsGet = true)] public Guid DecisionId { get; set; }
    [BindProperty] public DecisionForm Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public SharedDecision Decision { get; private set; } = default!;
    public IReadOnlyList<DecisionOption> Options { get; private set; } = [];
    public bool WrittenForDemo { get; private set; }
    public bool HasPlan { get; private set; }
    public IReadOnlyList<SelectListItem> Choices { get; private set; } = [];

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct) || await decisions.GetAsync(Id, DecisionId, ct) is not { } decision)
        {
            return false;
        }
        Decision = decision;
        var aid = await aids.GetAsync(decision.AidId, ct);
        Options = aid?.Options.OrderBy(o => o.Position).ToList() ?? [];
        WrittenForDemo = aid?.WrittenForDemo ?? false;
        HasPlan = await plans.GetAsync(Id, ct) is not null;
        Choices = Options.Select(o => new SelectListItem(o.Name, o.Id.ToString()))
            .Append(new SelectListItem($"{GivenName} has not decided yet", DecisionForm.NotDecided)).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Input.WhatMattersMost = Decision.WhatMattersMost;
        Version = Decision.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var recorded = await decisions.RecordAsync(Id, DecisionId, Version, Input, ct);
            TempData["Success"] = recorded.Status == DecisionStatus.Decided
                ? $"Decision recorded. {GivenName} has been sent the collaboRATE questions to answer within 2 days"
                : $"Recorded that {GivenName} has not decided yet";
            return Redirect($"/people/{Id}/decisions/{DecisionId}");
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            ModelState.Remove(nameof(Version));
            Version = Decision.Version;
            return Page();
        }
    }
}
