using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.SharedDecisions;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The decisions a person has made with their clinicians, and what mattered most to them.</summary>
[Authorize(Policy = AccessPolicies.OwnOrSharedRecord)]
public class DecisionsModel(SharedDecisionService decisions, CurrentUser user) : UpcarePageModel
{
    public IReadOnlyList<SharedDecision> Decisions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Decisions = await decisions.ForPersonAsync(user.PersonId!.Value, ct);
}
