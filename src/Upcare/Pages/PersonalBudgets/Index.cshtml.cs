using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.PersonalBudgets;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.PersonalBudgets;

/// <summary>The budget officer's list: budget reviews overdue or due in the next 4 weeks for the people they look after.</summary>
[Authorize(Policy = AccessPolicies.FindPeople)]
public class IndexModel(PersonalBudgetService budgets) : UpcarePageModel
{
    public IReadOnlyList<BudgetReviewDue> Due { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Due = await budgets.ReviewsDueAsync(28, ct);
}
