using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Pages.SocialPrescribing;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.Me;

/// <summary>A person refers themselves to a social prescribing link worker.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class ReferModel(SocialPrescribingService service, CurrentUser user) : ReferralPageModel(service)
{
    public override bool Self => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (user.PersonId is { } me && await Service.OpenReferralAsync(me, ct) is not null)
        {
            TempData["Success"] = "You already have an open referral to a link worker: here it is";
            return Redirect("/me/referrals");
        }
        await LoadNeedsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadNeedsAsync(ct);
        return user.PersonId is { } me ? await ReferAsync(me, _ => "/me/referrals", ct) : Forbid();
    }
}
