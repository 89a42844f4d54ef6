using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Pages.SocialPrescribing;
using Upcare.People;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.People;

/// <summary>A clinician (or other staff with a relationship) refers a person to the PCN's social prescribing service.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class ReferSocialPrescribingModel(SocialPrescribingService service, PersonService people) : ReferralPageModel(service)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public string PersonName { get; private set; } = "";
    public override bool Self => false;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (await Service.OpenReferralAsync(Id, ct) is { } open)
        {
            TempData["Success"] = "This person already has an open social prescribing referral. Here it is";
            return Redirect($"/people/{Id}/social-prescribing/{open.Id}");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? await ReferAsync(Id, referralId => $"/people/{Id}/social-prescribing/{referralId}", ct) : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await people.GetAsync(Id, ct) is not { } person)
        {
            return false;
        }
        PersonName = person.FullName;
        await LoadNeedsAsync(ct);
        return true;
    }
}
