using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.ServiceDirectory;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.Me;

/// <summary>A person sees who they were referred to, how each referral stands and how to get in touch; they can say they no longer want one.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class ReferralsModel(SocialPrescribingService socialPrescribing, CommunityReferralService community, DirectorySearch directory, CurrentUser user) : UpcarePageModel
{
    public IReadOnlyList<SocialPrescribingReferral> LinkWorkerReferrals { get; private set; } = [];
    public IReadOnlyList<(CommunityReferral Referral, ServiceView? Service)> Referrals { get; private set; } = [];

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCancelAsync(Guid referralId, CancellationToken ct)
    {
        try
        {
            var cancelled = await community.ChangeStatusAsync(referralId, CommunityReferralStatus.Cancelled, Reason, null, Version, ct);
            TempData["Success"] = $"Your referral to {cancelled.ServiceName} is cancelled. We have told them and your link worker";
            return Redirect("/me/referrals");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (UnauthorizedAccessException)
        {
            return NotFound();
        }
        catch (ReferralChangedException e)
        {
            ShowError("", $"This referral changed while you were looking: it is now {ClosedLoop.Label(e.Now).ToLowerInvariant()}. Check it below");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors.Select(x => x with { Field = x.Field == "Reason" ? $"Reason-{referralId}" : x.Field }));
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = user.PersonId!.Value;
        LinkWorkerReferrals = await socialPrescribing.ForPersonAsync(me, ct);
        var referrals = await community.ForPersonAsync(me, ct);
        var shown = new List<(CommunityReferral, ServiceView?)>();
        foreach (var r in referrals)
        {
            shown.Add((r, await directory.GetAsync(r.ServiceId, ct)));
        }
        Referrals = shown;
    }
}
