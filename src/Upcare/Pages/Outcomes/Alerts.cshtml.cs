using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Outcomes;

/// <summary>Answers that need a human (PHQ-9 item 9), for the people this practitioner may see, until acknowledged.</summary>
[Authorize(Policy = AccessPolicies.FindPeople)]
public class AlertsModel(OutcomeService outcomes) : UpcarePageModel
{
    public IReadOnlyList<OpenAlert> Alerts { get; private set; } = [];
    public InstrumentCatalogue Catalogue => outcomes.Catalogue;

    public async Task OnGetAsync(CancellationToken ct) => Alerts = await outcomes.OpenAlertsAsync(null, ct);

    public async Task<IActionResult> OnPostAsync(Guid alertId, CancellationToken ct)
    {
        try
        {
            await outcomes.AcknowledgeAsync(alertId, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Alert acknowledged";
        return Redirect("/outcomes/alerts");
    }
}
