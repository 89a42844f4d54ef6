using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.SocialPrescribing;

/// <summary>A link worker's caseload: new referrals to their PCN to take on, then their own by status, overdue first contacts first.</summary>
[Authorize(Policy = AccessPolicies.LinkWorkers)]
public class CaseloadModel(SocialPrescribingService service) : UpcarePageModel
{
    public IReadOnlyList<CaseloadReferral> Referrals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Referrals = await service.CaseloadAsync(ct);

    public async Task<IActionResult> OnPostTakeOnAsync(Guid referralId, int version, CancellationToken ct)
    {
        try
        {
            var referral = await service.TakeOnAsync(referralId, version, ct);
            TempData["Success"] = "Taken on: they are on your caseload. Contact them to talk about what matters to them";
            return Redirect($"/people/{referral.PersonId}/social-prescribing/{referral.Id}");
        }
        catch (Exception e) when (e is KeyNotFoundException or UnauthorizedAccessException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
        }
        catch (EditConflictException)
        {
            ShowError("", "Someone else changed this referral while you were looking. Check the list again");
        }
        Referrals = await service.CaseloadAsync(ct);
        return Page();
    }
}
