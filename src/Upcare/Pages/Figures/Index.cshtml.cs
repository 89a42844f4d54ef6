using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>Aggregate figures for commissioners: counts only, small numbers suppressed, never a named record.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class FiguresModel(PopulationFigures figures) : UpcarePageModel
{
    public PopulationSummary? Summary { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Summary = await figures.SummariseAsync(ct);
}
