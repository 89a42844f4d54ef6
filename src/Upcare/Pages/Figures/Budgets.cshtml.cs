using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.PersonalBudgets;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>Personal and integrated budget money by kind of funder, against allocation.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class BudgetsModel(CommissioningService figures) : UpcarePageModel
{
    public IReadOnlyList<BudgetRow> Rows { get; private set; } = [];
    public int SuppressBelow => figures.SuppressBelow;

    public async Task OnGetAsync(CancellationToken ct) => Rows = await figures.BudgetsAsync(ct);

    /// <summary>Money is shown only where enough budgets make it up that no one's can be worked out.</summary>
    public string Pounds(BudgetRow row, long pence) => row.Budgets < SuppressBelow ? "not shown" : Money.Format(pence);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        var rows = new List<IReadOnlyList<string>> { new[] { "Funder", "Budgets", "Allocated", "Spent", "Taken back", "Left" } };
        rows.AddRange(Rows.Select(r => new[] { r.Funder, SmallNumbers.Show(r.Budgets, SuppressBelow), Pounds(r, r.Allocated), Pounds(r, r.Spent), Pounds(r, r.Reclaimed), Pounds(r, r.Left) }));
        return File(FigureFormat.Csv(rows), "text/csv", "upcare-budgets-by-funder.csv");
    }
}
