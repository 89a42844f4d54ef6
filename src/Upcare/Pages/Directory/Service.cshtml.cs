using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.ServiceDirectory;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.Directory;

/// <summary>One community service: what it offers, who can use it, where and when, what it costs, how to get in touch.</summary>
[AllowAnonymous]
public class ServiceModel(DirectorySearch search, ServiceResponses responses) : UpcarePageModel
{
    public ServiceView View { get; private set; } = default!;
    public CommunityService Service => View.Service;

    /// <summary>How the service has answered referrals in the last 12 months, so link workers choose services that answer.</summary>
    public ServiceResponse Responses { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid serviceId, CancellationToken ct)
    {
        if (await search.GetAsync(serviceId, ct) is not { } found)
        {
            return NotFound();
        }
        View = found;
        Responses = await responses.ForServiceAsync(serviceId, ct);
        return Page();
    }
}
