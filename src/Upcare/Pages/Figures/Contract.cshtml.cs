using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.PersonalBudgets;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>What an outcomes contract pays for its period, with the anonymised cases behind it.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class ContractModel(OutcomePayments payments) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid ContractId { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public PaymentCalculation Calculation { get; private set; } = default!;

    /// <summary>Cases shown a page at a time; the CSV has them all.</summary>
    public const int CasesPerPage = 100;

    public IEnumerable<Evidence> Cases => Calculation.Evidence.Skip((PageNumber - 1) * CasesPerPage).Take(CasesPerPage);
    public Shared.Pagination Pages => Shared.Pagination.Of(PageNumber, Calculation.Evidence.Count, CasesPerPage, p => $"?p={p}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await payments.CalculateAsync(ContractId, ct) is not { } calculation)
        {
            return NotFound();
        }
        Calculation = calculation;
        PageNumber = Shared.Pagination.Clamp(PageNumber, calculation.Evidence.Count, CasesPerPage);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await payments.CalculateAsync(ContractId, ct) is not { } c)
        {
            return NotFound();
        }
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Case", "Outcome", "Detail" },
        };
        rows.AddRange(c.Evidence.Select(e => new[] { e.CaseId, e.Outcome, e.Detail }));
        rows.Add(["Total", "Payable", Money.Format(c.PayablePence)]);
        return File(FigureFormat.Csv(rows), "text/csv", $"upcare-outcomes-contract-evidence-{c.Contract.From:yyyy-MM-dd}.csv");
    }
}
