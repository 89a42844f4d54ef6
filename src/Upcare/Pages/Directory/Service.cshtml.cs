using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.ServiceDirectory;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Directory;

/// <summary>One community service: what it offers, who can use it, where and when, what it costs, how to get in touch.</summary>
[AllowAnonymous]
public class ServiceModel(DirectorySearch search) : UpcarePageModel
{
    public CommunityService Service { get; private set; } = default!;
    public string Organisation { get; private set; } = "";
    public IReadOnlyList<string> Needs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid serviceId, CancellationToken ct)
    {
        if (await search.GetAsync(serviceId, ct) is not { } found)
        {
            return NotFound();
        }
        (Service, Organisation, Needs) = found;
        return Page();
    }
}
