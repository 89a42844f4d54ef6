using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.ServiceDirectory;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Directory;

/// <summary>One community service: what it offers, who can use it, where and when, what it costs, how to get in touch.</summary>
[AllowAnonymous]
public class ServiceModel(DirectorySearch search) : UpcarePageModel
{
    public ServiceView View { get; private set; } = default!;
    public CommunityService Service => View.Service;

    public async Task<IActionResult> OnGetAsync(Guid serviceId, CancellationToken ct)
    {
        if (await search.GetAsync(serviceId, ct) is not { } found)
        {
            return NotFound();
        }
        View = found;
        return Page();
    }
}
