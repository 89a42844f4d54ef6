using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.People;
using Upcare.PersonalBudgets;

namespace Upcare.Pages.PersonalBudgets;

/// <summary>A person's personal budget as their practitioners see it: money by funder, the plan against spending, the ledger, the review clock.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class BudgetModel(PersonService people, PersonalBudgetService budgets, CurrentUser user) : BudgetPageModel(people, budgets)
{
    public bool IsOfficer => user.Role == UserRole.BudgetOfficer;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();
}
