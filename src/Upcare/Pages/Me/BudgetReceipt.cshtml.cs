using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Upcare.Access;
using Upcare.PersonalBudgets;

namespace Upcare.Pages.Me;

/// <summary>A receipt the person recorded (or their officer did), from their own pages.</summary>
[Authorize(Policy = AccessPolicies.OwnOrSharedRecord)]
public class BudgetReceiptModel(PersonalBudgetService budgets, CurrentUser user) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid receiptId, CancellationToken ct) =>
        await budgets.ReceiptAsync(user.PersonId!.Value, receiptId, ct) is { } receipt ? File(receipt.Content, PersonalBudgetService.ServedType(receipt.Content), receipt.FileName) : NotFound();
}
