using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>Where an administrator starts: accounts, caseloads and the audit trail.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class AdminIndexModel : UpcarePageModel
{
    public void OnGet()
    {
    }
}
