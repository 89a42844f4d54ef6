using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.PersonalBudgets;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>
/// What an outcomes contract pays for its period, with the anonymised cases behind it: the statement as it was worked
/// out (the latest, or an earlier one), the earlier statements, and working it out again.
/// </summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class ContractModel(OutcomePayments payments) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid ContractId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Statement { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public OutcomeContract Contract { get; private set; } = default!;
    public PaymentStatement? Shown { get; private set; }
    public PaymentCalculation? Calculation { get; private set; }
    public IReadOnlyList<PaymentStatement> Statements { get; private set; } = [];

    /// <summary>Cases shown a page at a time; the CSV has them all.</summary>
    public const int CasesPerPage = 100;

    public IEnumerable<Evidence> Cases => Calculation?.Evidence.Skip((PageNumber - 1) * CasesPerPage).Take(CasesPerPage) ?? [];
    public Shared.Pagination Pages => Shared.Pagination.Of(PageNumber, Calculation?.Evidence.Count ?? 0, CasesPerPage, p => $"?{StatementQuery}p={p}");
    public string StatementQuery => Statement is { } s ? $"statement={s}&" : "";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await payments.ContractAsync(ContractId, ct) is not { } contract)
        {
            return false;
        }
        Contract = contract;
        Statements = await payments.StatementsAsync(ContractId, ct);
        if (await payments.StatementAsync(ContractId, Statement, ct) is { } found)
        {
            (Shown, Calculation) = found;
        }
        else if (Statement is not null)
        {
            return false;
        }
        PageNumber = Shared.Pagination.Clamp(PageNumber, Calculation?.Evidence.Count ?? 0, CasesPerPage);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRecalculateAsync(CancellationToken ct)
    {
        if (await payments.RecalculateAsync(ContractId, ct) is not { } statement)
        {
            return NotFound();
        }
        TempData["Success"] = $"Worked out again: {Money.Format(statement.PayablePence)} payable";
        return Redirect($"/figures/contracts/{ContractId}");
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Calculation is not { } c || Shown is not { } shown)
        {
            return NotFound();
        }
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Case", "Outcome", "Detail" },
        };
        rows.AddRange(c.Evidence.Select(e => new[] { e.CaseId, e.Outcome, e.Detail }));
        rows.Add(["Total", "Payable", Money.Format(c.PayablePence)]);
        return File(FigureFormat.Csv(rows), "text/csv", $"upcare-outcomes-contract-evidence-{c.Contract.From:yyyy-MM-dd}-worked-out-{shown.CalculatedAt:yyyy-MM-dd-HHmm}.csv");
    }
}
