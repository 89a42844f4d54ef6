using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.People;
using Upcare.PersonalBudgets;

namespace Upcare.Pages.PersonalBudgets;

/// <summary>The costed support plan: what will be bought to meet which outcome, from whom, how often and for how much; then approval.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class PlanModel(PersonService people, PersonalBudgetService budgets) : BudgetPageModel(people, budgets)
{
    [BindProperty] public List<PlanItemForm> Items { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public IReadOnlyList<SelectListItem> CategoryChoices => Budgets.Categories.Select(c => new SelectListItem(c, c)).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Budget is null)
        {
            return NotFound();
        }
        Items = Budget.Items.OrderBy(i => i.Position).Select(PlanItemForm.From).Append(new PlanItemForm()).Append(new PlanItemForm()).ToList();
        Version = Budget.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Budget is null)
        {
            return NotFound();
        }
        var result = await ChangeAsync(async () =>
        {
            await Budgets.SavePlanAsync(Id, Version, Items, ct);
            return "Plan saved. It needs approving before any payment";
        }, $"/people/{Id}/budget/plan", ct);
        if (result is Microsoft.AspNetCore.Mvc.RazorPages.PageResult)
        {
            ModelState.Remove(nameof(Version));
            Version = Budget!.Version;
        }
        return result;
    }

    public async Task<IActionResult> OnPostAddRowAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Budget is null)
        {
            return NotFound();
        }
        Items.Add(new PlanItemForm());
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Budget is null)
        {
            return NotFound();
        }
        var result = await ChangeAsync(async () =>
        {
            await Budgets.ApprovePlanAsync(Id, ct);
            return "Plan approved. Payments can now be made";
        }, $"/people/{Id}/budget", ct);
        if (result is Microsoft.AspNetCore.Mvc.RazorPages.PageResult)
        {
            Items = Budget!.Items.OrderBy(i => i.Position).Select(PlanItemForm.From).Append(new PlanItemForm()).ToList();
            Version = Budget.Version;
        }
        return result;
    }
}
