using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Pages.Shared;
using Upcare.People;
using Upcare.PersonalBudgets;
using Upcare.Shared;

namespace Upcare.Pages.PersonalBudgets;

/// <summary>A page about one person's budget: loads the person, the budget and what its ledger says.</summary>
public abstract class BudgetPageModel(PersonService people, PersonalBudgetService budgets) : PersonPageModel(people)
{
    public PersonalBudget? Budget { get; private set; }
    public BudgetView? View { get; private set; }

    /// <summary>A fresh key for each form that moves money: sending the same form twice moves it once.</summary>
    [BindProperty] public string RequestKey { get; set; } = Guid.NewGuid().ToString("N");

    protected PersonalBudgetService Budgets => budgets;

    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return false;
        }
        Budget = await budgets.GetAsync(Id, ct);
        View = Budget is null ? null : await budgets.ViewAsync(Budget, ct);
        return true;
    }

    public IReadOnlyList<SelectListItem> StreamChoices => Budget?.Streams.Select(s => new SelectListItem($"{s.FunderName} ({BudgetLabels.Describe(s.Funder)})", s.Id.ToString())).ToList() ?? [];

    public IReadOnlyList<SelectListItem> ItemChoices => Budget?.Items.OrderBy(i => i.Position).Select(i => new SelectListItem(i.What, i.Id.ToString())).ToList() ?? [];

    /// <summary>Runs a change (see <see cref="UpcarePageModel.ChangeThenRedirectAsync"/>); after a refusal the page has a fresh request key.</summary>
    protected Task<IActionResult> ChangeAsync(Func<Task<string>> change, string back, CancellationToken ct, string? errorPrefix = null, Func<string, string>? field = null) =>
        ChangeThenRedirectAsync(change, back, async () =>
        {
            RequestKey = Guid.NewGuid().ToString("N");
            ModelState.Remove(nameof(RequestKey));
            await LoadAsync(ct);
        }, errorPrefix, field);
}
