using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.ServiceDirectory;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Directory.Manage;

/// <summary>A VCSE worker's own organisation's services.</summary>
[Authorize(Policy = AccessPolicies.OwnServices)]
public class ManageServicesModel(DirectoryEditing editing) : UpcarePageModel
{
    public IReadOnlyList<CommunityService> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Services = await editing.OwnServicesAsync(ct);
}
