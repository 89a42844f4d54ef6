using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.People;

namespace Upcare.Pages.CarePlans;

/// <summary>A person's care and support plan as their practitioners see it: what changed since the last review, the person's notes and suggestions.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class PlanModel(PersonService people, CarePlanService plans, TimeProvider clock) : CarePlanPageModel(people, plans)
{
    public IReadOnlyList<CarePlanNote> Notes { get; private set; } = [];
    public ChangesSince? SinceReview { get; private set; }
    public bool ReviewOverdue { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (Plan is not null)
        {
            Notes = await Plans.NotesAsync(Plan.Id, ct);
            SinceReview = await Plans.ChangesSinceReviewAsync(Plan, ct);
            ReviewOverdue = Plan.ReviewOn < Upcare.Shared.UkTime.Today(clock);
        }
        return Page();
    }
}
