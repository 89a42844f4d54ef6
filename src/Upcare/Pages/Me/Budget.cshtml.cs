using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.PersonalBudgets;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The person's own budget in plain English: how it is held, what is planned, spent and left; they agree the plan and record spending from their direct payment.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class BudgetModel(PersonalBudgetService budgets, CurrentUser user) : UpcarePageModel
{
    public BudgetView? View { get; private set; }

    [BindProperty] public SpendForm Spend { get; set; } = new();
    [BindProperty] public IFormFile? Receipt { get; set; }
    [BindProperty] public string RequestKey { get; set; } = Guid.NewGuid().ToString("N");

    public IReadOnlyList<SelectListItem> ItemChoices => View?.Items.Select(i => new SelectListItem(i.Item.What, i.Item.Id.ToString())).ToList() ?? [];

    private Guid PersonId => user.PersonId!.Value;

    private async Task LoadAsync(CancellationToken ct) =>
        View = await budgets.GetAsync(PersonId, ct) is { } budget ? await budgets.ViewAsync(budget, ct) : null;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostSpendAsync(CancellationToken ct) =>
        ChangeThenRedirectAsync(async () =>
        {
            var spent = await budgets.SpendAsync(PersonId, Spend, await ReceiptUploads.ReadAsync(Receipt, ct), RequestKey, ct);
            return $"Thank you. {Money.Format(spent.AmountPence)} spent on {spent.Description} is recorded";
        }, "/me/budget", async () =>
        {
            RequestKey = Guid.NewGuid().ToString("N");
            ModelState.Remove(nameof(RequestKey));
            await LoadAsync(ct);
        }, field: SpendForm.PageField);

    public async Task<IActionResult> OnPostAgreeAsync(CancellationToken ct)
    {
        try
        {
            await budgets.AgreePlanAsync(PersonId, ct);
            TempData["Success"] = "Thank you. Your agreement to the plan is recorded";
            return Redirect("/me/budget");
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
    }
}
