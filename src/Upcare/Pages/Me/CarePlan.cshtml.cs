using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The person's own care and support plan: they mark goals as progressed or met, add notes, suggest changes and agree it.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class CarePlanModel(CarePlanService plans, CurrentUser user) : UpcarePageModel
{
    private const string Route = "POST /me/care-plan";

    public CarePlan? Plan { get; private set; }
    public IReadOnlyList<CarePlanNote> Notes { get; private set; } = [];

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public int Version { get; set; }

    private Guid PersonId => user.PersonId!.Value;

    /// <summary>The error key for the note box of one goal (or the suggestion box when no goal).</summary>
    public static string NoteKey(Guid? goalId) => goalId is { } g ? $"note-{g}" : "suggestion";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Plan = await plans.GetAsync(PersonId, ct);
        Notes = Plan is null ? [] : await plans.NotesAsync(Plan.Id, ct);
    }

    public async Task<IActionResult> OnPostProgressAsync(Guid goalId, GoalProgress progress, CancellationToken ct)
    {
        try
        {
            await plans.SetProgressAsync(PersonId, goalId, progress, Route, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = $"Progress saved: {CarePlanContent.Describe(progress)}";
        return Redirect("/me/care-plan");
    }

    public Task<IActionResult> OnPostNoteAsync(Guid goalId, CancellationToken ct) => AddAsync(goalId, PlanNoteKind.Note, "Note added", ct);

    public Task<IActionResult> OnPostSuggestAsync(CancellationToken ct) =>
        AddAsync(null, PlanNoteKind.SuggestedChange, "Suggestion sent. The people who look after your plan will see it", ct);

    private async Task<IActionResult> AddAsync(Guid? goalId, PlanNoteKind kind, string done, CancellationToken ct)
    {
        try
        {
            await plans.AddNoteAsync(PersonId, goalId, kind, Text, Route, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowError(NoteKey(goalId), e.Errors[0].Message);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Success"] = done;
        return Redirect("/me/care-plan");
    }

    public async Task<IActionResult> OnPostAgreeAsync(CancellationToken ct)
    {
        try
        {
            await plans.AgreeAsync(PersonId, Version, personAgreed: true, user.Name, Route, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Success"] = "Thank you. Your agreement to this plan is recorded";
        return Redirect("/me/care-plan");
    }
}
