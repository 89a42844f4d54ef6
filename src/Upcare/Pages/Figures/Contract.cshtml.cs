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
    public PaymentCalculation Calculation { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await payments.CalculateAsync(ContractId, ct) is not { } calculation)
        {
            return NotFound();
        }
        Calculation = calculation;
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
