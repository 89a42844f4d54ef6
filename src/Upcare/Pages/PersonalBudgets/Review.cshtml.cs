using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.People;
using Upcare.PersonalBudgets;

namespace Upcare.Pages.PersonalBudgets;

/// <summary>Records a review of the budget, or that the person's needs have changed (a review is then due at once).</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class ReviewModel(PersonService people, PersonalBudgetService budgets) : BudgetPageModel(people, budgets)
{
    [BindProperty] public BudgetReviewForm Input { get; set; } = new();

    public static readonly IReadOnlyList<SelectListItem> YesNo = [new("Yes", "true"), new("No", "false")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) && Budget is not null ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Budget is null)
        {
            return NotFound();
        }
        return await ChangeAsync(async () =>
        {
            await Budgets.ReviewAsync(Id, Input, ct);
            return "Review recorded";
        }, $"/people/{Id}/budget", ct, nameof(Input));
    }

    public async Task<IActionResult> OnPostNeedsChangedAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Budget is null)
        {
            return NotFound();
        }
        return await ChangeAsync(async () =>
        {
            await Budgets.NeedsChangedAsync(Id, ct);
            return "Recorded that needs have changed: a review is due now";
        }, $"/people/{Id}/budget", ct);
    }
}
