using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.ServiceDirectory;

namespace Upcare.Pages.Directory.Manage;

/// <summary>A VCSE worker adds a service for their organisation.</summary>
[Authorize(Policy = AccessPolicies.OwnServices)]
public class NewServiceModel(DirectoryEditing editing, DirectorySearch search) : ServiceFormModel(editing, search)
{
    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Town = "Newcastle upon Tyne";
        Input.InPerson = true;
        Input.IsFree = true;
        await LoadChoicesAsync(ct);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);
}
