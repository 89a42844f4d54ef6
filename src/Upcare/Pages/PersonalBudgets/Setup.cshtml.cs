using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.People;
using Upcare.PersonalBudgets;

namespace Upcare.Pages.PersonalBudgets;

/// <summary>The budget officer sets a budget up with the person: the right to it, the period, each funder's part, and how it is held.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class SetupModel(PersonService people, PersonalBudgetService budgets) : BudgetPageModel(people, budgets)
{
    [BindProperty] public BudgetSetupForm Input { get; set; } = new();

    public static readonly IReadOnlyList<SelectListItem> RightChoices =
        Enum.GetValues<BudgetRight>().Select(r => new SelectListItem(BudgetLabels.Describe(r), r.ToString())).ToList();

    public static readonly IReadOnlyList<SelectListItem> FunderChoices =
        Enum.GetValues<Funder>().Select(f => new SelectListItem(BudgetLabels.Describe(f), f.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return Budget is null ? Page() : Redirect($"/people/{Id}/budget");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return await ChangeAsync(async () =>
        {
            var budget = await Budgets.SetUpAsync(Id, Input, ct);
            return $"Budget of {Money.Format(budget.TotalPence)} set up. Now agree the costed plan with {GivenName}";
        }, $"/people/{Id}/budget/plan", ct, nameof(Input));
    }
}
