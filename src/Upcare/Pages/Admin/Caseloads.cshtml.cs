using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>The staff who hold caseloads; choose one to see and change theirs.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class CaseloadsModel(AccountService accounts) : UpcarePageModel
{
    public IReadOnlyList<UpcareUser> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Staff = await accounts.StaffWithCaseloadsAsync(ct);
}
