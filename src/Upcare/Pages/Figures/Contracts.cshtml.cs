using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>Outcomes contracts: what each pays for, and setting one up.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class ContractsModel(OutcomePayments payments) : UpcarePageModel
{
    public IReadOnlyList<OutcomeContract> Contracts { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Providers { get; private set; } = [];

    [BindProperty] public ContractForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Contracts = await payments.ContractsAsync(ct);
        Providers = (await payments.ProvidersAsync(ct)).Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var contract = await payments.SaveAsync(Input, ct);
            TempData["Success"] = $"{contract.Name} set up";
            return Redirect($"/figures/contracts/{contract.Id}");
        }
        catch (Upcare.Shared.ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            await OnGetAsync(ct);
            return Page();
        }
    }
}
