using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.PersonalBudgets;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>Personal and integrated budget money by kind of funder, against allocation, and split by the budget holders.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class BudgetsModel(CommissioningService figures) : SplitFiguresPageModel(figures)
{
    public BudgetMoneyFigures View { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct) => View = await Figures.BudgetsAsync(Split, ct);

    /// <summary>Money is shown only where enough budgets make it up that no one's can be worked out.</summary>
    public string Pounds(BudgetRow row, long pence) => row.Budgets < SuppressBelow ? "not shown" : Money.Format(pence);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        var rows = new List<IReadOnlyList<string>> { new[] { "By", "Group", "Budgets", "Allocated", "Spent", "Taken back", "Left" } };
        foreach (var (by, list) in new[] { ("Funder", View.ByFunder), (SplitHeading, View.ByGroup) })
        {
            rows.AddRange(list.Select(r => new[] { by, r.Group, SmallNumbers.Show(r.Budgets, SuppressBelow), Pounds(r, r.Allocated), Pounds(r, r.Spent), Pounds(r, r.Reclaimed), Pounds(r, r.Left) }));
        }
        return File(FigureFormat.Csv(rows), "text/csv", $"upcare-budgets{SplitFilePart}.csv");
    }
}
