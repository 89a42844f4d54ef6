using Microsoft.AspNetCore.Mvc;
using Upcare.SupportNetworks;

namespace Upcare.Pages.SupportNetworks;

/// <summary>The support network picture and table inside the care and support plan (and its print view), for those the person shares it with.</summary>
public sealed class SupportNetworkViewComponent(SupportNetworkService networks) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid personId, string whose)
    {
        var entries = await networks.ForPlanAsync(personId, HttpContext.RequestAborted);
        var shown = entries?.Select(e => e.ToSnapshot()).ToList();
        return View("/Pages/SupportNetworks/_InPlan.cshtml", (whose, (IReadOnlyList<SnapshotEntry>?)shown));
    }
}
