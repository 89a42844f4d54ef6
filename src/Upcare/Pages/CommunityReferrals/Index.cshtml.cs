using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.CommunityReferrals;

/// <summary>A VCSE worker's referrals to their organisation's services: waiting for an answer first.</summary>
[Authorize(Policy = AccessPolicies.OwnServices)]
public class InboxModel(CommunityReferralService community) : UpcarePageModel
{
    public IReadOnlyList<CommunityReferral> Referrals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Referrals = await community.ForOrganisationAsync(ct);
}
