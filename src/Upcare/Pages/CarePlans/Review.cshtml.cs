using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.CarePlans;

/// <summary>Records a review of the plan with the person: what changed since the last one, what was said, and the next date.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class ReviewModel(PersonService people, CarePlanService plans) : CarePlanPageModel(people, plans)
{
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public DateParts NextReviewOn { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public ChangesSince? SinceReview { get; private set; }
    public IReadOnlyList<CarePlanReview> Reviews { get; private set; } = [];

    private async Task<bool> LoadReviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is null)
        {
            return false;
        }
        SinceReview = await Plans.ChangesSinceReviewAsync(Plan, ct);
        Reviews = await Plans.ReviewsAsync(Plan.Id, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadReviewAsync(ct))
        {
            return NotFound();
        }
        Version = Plan!.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadReviewAsync(ct))
        {
            return NotFound();
        }
        try
        {
            await Plans.ReviewAsync(Id, Version, Notes, NextReviewOn, "POST /people/{id:guid}/care-plan/review", ct);
            TempData["Success"] = "Review recorded";
            return Redirect($"/people/{Id}/care-plan");
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            ModelState.Remove(nameof(Version));
            Version = Plan!.Version;
            return Page();
        }
    }
}
