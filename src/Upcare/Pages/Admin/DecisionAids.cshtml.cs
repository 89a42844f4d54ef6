using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.SharedDecisions;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>The library of decision aids clinicians use with people.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class DecisionAidsModel(DecisionAidService aids) : UpcarePageModel
{
    public IReadOnlyList<DecisionAid> Aids { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Aids = await aids.ListAsync(includeWithdrawn: true, ct);
}
