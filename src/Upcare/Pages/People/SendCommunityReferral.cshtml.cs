using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.People;
using Upcare.ServiceDirectory;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.People;

/// <summary>The link worker refers the person to a community service, with what the person agreed to share.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class SendCommunityReferralModel(CommunityReferralService community, DirectorySearch directory, PersonService people) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid ReferralId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid ServiceId { get; set; }
    [BindProperty] public CommunityReferralForm Input { get; set; } = new();

    public Person Person { get; private set; } = default!;
    public ServiceView Service { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Input.SendKey = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var sent = await community.SendAsync(Id, ReferralId, ServiceId, Input, ct);
            TempData["Success"] = $"Referral sent to {sent.ServiceName}. They have {UkTime.FormatDate(sent.RespondBy)} to accept or decline it";
            return Redirect($"/people/{Id}/social-prescribing/{ReferralId}");
        }
        catch (Exception e) when (e is KeyNotFoundException or UnauthorizedAccessException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors.Select(x => x.Field.Length == 0 ? x : x with { Field = $"{nameof(Input)}.{x.Field}" }));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await people.GetAsync(Id, ct) is not { } person || await directory.GetAsync(ServiceId, ct) is not { } service)
        {
            return false;
        }
        (Person, Service) = (person, service);
        return true;
    }
}
