using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Shared.NhsUk;
using Upcare.SupportNetworks;

namespace Upcare.Pages.Me;

/// <summary>The person chooses who in their care team sees their support network, and stops sharing it.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class SupportNetworkSharingModel(SupportNetworkSharing sharing, CurrentUser user) : UpcarePageModel
{
    [BindProperty] public List<Guid> UserIds { get; set; } = [];

    public IReadOnlyList<ShareChoice> Choices { get; private set; } = [];

    private Guid PersonId => user.PersonId!.Value;

    public async Task OnGetAsync(CancellationToken ct) => Choices = await sharing.ChoicesAsync(PersonId, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await ShowAsync(await sharing.ShareAsync(PersonId, UserIds, ct), SupportNetworkLinks.Sharing, () => OnGetAsync(ct));

    public async Task<IActionResult> OnPostWithdrawAsync(Guid shareId, CancellationToken ct) =>
        await ShowAsync(await sharing.WithdrawAsync(PersonId, shareId, ct), SupportNetworkLinks.Sharing, () => OnGetAsync(ct));
}
