using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>Every account, with its role, workplace and whether it is locked or closed.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class AccountsModel(AccountService accounts) : UpcarePageModel
{
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await accounts.ListAsync(ct);
}
