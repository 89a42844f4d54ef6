using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.SocialPrescribing;

/// <summary>A team lead sees each link worker's caseload against the safe maximum, and gives referrals to link workers.</summary>
[Authorize(Policy = AccessPolicies.LinkWorkerManagers)]
public class TeamModel(SocialPrescribingService service) : UpcarePageModel
{
    public IReadOnlyList<LinkWorkerLoad> Team { get; private set; } = [];
    public IReadOnlyList<CaseloadReferral> Unassigned { get; private set; } = [];
    public IReadOnlyList<SelectListItem> LinkWorkers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostReassignAsync(Guid referralId, int version, Guid? to, CancellationToken ct)
    {
        try
        {
            var referral = await service.ReassignAsync(referralId, version, to, ct);
            TempData["Success"] = $"Referral given to {referral.LinkWorkerName}";
            return Redirect("/social-prescribing/team");
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
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Team = await service.TeamAsync(ct);
        Unassigned = (await service.CaseloadAsync(ct)).Where(r => r.Referral.Status == SocialPrescribingStatus.New).ToList();
        LinkWorkers = Team.Select(l => new SelectListItem($"{l.Name} ({l.TakenOnInYear} this year)", l.UserId.ToString())).ToList();
    }
}
