using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.CarePlans;

/// <summary>
/// Starts or changes a person's plan with them. If someone else saves while this editor works, nothing is lost: the
/// form comes back holding both sets of changes, with what the other changed and any part both changed shown above.
/// </summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class EditModel(PersonService people, CarePlanService plans) : CarePlanPageModel(people, plans)
{
    public const string Route = "POST /people/{id:guid}/care-plan/edit";

    [BindProperty] public CarePlanForm Input { get; set; } = new();
    [BindProperty] public int? Version { get; set; }

    public MergeResult? Conflict { get; private set; }
    public IReadOnlyList<CarePlanNote> Suggestions { get; private set; } = [];

    public static readonly IReadOnlyList<SelectListItem> ProgressChoices =
        Enum.GetValues<GoalProgress>().Select(p => new SelectListItem(Capital(CarePlanContent.Describe(p)), p.ToString())).ToList();

    public static readonly IReadOnlyList<SelectListItem> WhoChoices =
        Enum.GetValues<ActionBy>().Select(w => new SelectListItem(w == ActionBy.Me ? "The person" : Capital(CarePlanContent.Describe(w)), w.ToString())).ToList();

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Input = Plan is null ? new CarePlanForm() : CarePlanForm.From(CarePlanContent.From(Plan));
        Version = Plan?.Version;
        AddBlankRows();
        await LoadSuggestionsAsync(ct);
        return Page();
    }

    private void AddBlankRows()
    {
        Input.Goals.Add(new GoalForm());
        Input.Actions.Add(new ActionForm());
    }

    private async Task LoadSuggestionsAsync(CancellationToken ct) =>
        Suggestions = Plan is null ? [] : (await Plans.NotesAsync(Plan.Id, ct)).Where(n => n.Kind == PlanNoteKind.SuggestedChange && n.DealtWithAt is null).ToList();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var saved = await Plans.SaveAsync(Id, Version, Input, Route, ct);
            TempData["Success"] = saved is null ? "There were no changes to save" : saved.Version == 1 ? "Care and support plan started" : $"Plan saved as version {saved.Version}";
            return Redirect($"/people/{Id}/care-plan");
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
        }
        catch (PlanEditConflictException e)
        {
            // The form now holds both editors' work; saving again is this editor's deliberate choice, made with the
            // other's changes (and any part both changed) in view.
            ModelState.Clear();
            Input = CarePlanForm.From(e.Merge.Merged);
            AddBlankRows();
            Version = e.CurrentVersion;
            Conflict = e.Merge;
            await LoadAsync(ct);
            ShowError("", "Someone else saved this plan while you were editing it. Check the changes below, then save again.");
        }
        await LoadSuggestionsAsync(ct);
        return Page();
    }

    /// <summary>Another goal or action row, without JavaScript: the form comes back with what was typed and one more row.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(string? row, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (row == "action")
        {
            Input.Actions.Add(new ActionForm());
        }
        else
        {
            Input.Goals.Add(new GoalForm());
        }
        await LoadSuggestionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDealtWithAsync(Guid noteId, CancellationToken ct)
    {
        try
        {
            await Plans.DealWithAsync(Id, noteId, "POST /people/{id:guid}/care-plan/edit?handler=DealtWith", ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        TempData["Success"] = "Suggestion marked as dealt with";
        return Redirect($"/people/{Id}/care-plan/edit");
    }
}
