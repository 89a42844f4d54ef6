using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Upcare.Access;
using Upcare.PersonalBudgets;

namespace Upcare.Pages.PersonalBudgets;

/// <summary>A receipt kept with a spend, for the person's practitioners.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class ReceiptModel(PersonalBudgetService budgets) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid receiptId, CancellationToken ct) =>
        await budgets.ReceiptAsync(id, receiptId, ct) is { } receipt ? File(receipt.Content, PersonalBudgetService.ServedType(receipt.Content), receipt.FileName) : NotFound();
}
