using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.SharedDecisions;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.SharedDecisions;

/// <summary>A clinician's and their practice's shared decision figures: SURE conflict resolved, and collaboRATE once 25 encounters are complete.</summary>
[Authorize(Policy = AccessPolicies.Clinicians)]
public class FiguresModel(SharedDecisionService decisions) : UpcarePageModel
{
    public DecisionFigures Mine { get; private set; } = default!;
    public DecisionFigures Practice { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => (Mine, Practice) = await decisions.FiguresAsync(ct);
}
