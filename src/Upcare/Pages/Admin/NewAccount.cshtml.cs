using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Organisations;
using Upcare.Shared;

namespace Upcare.Pages.Admin;

/// <summary>Opens an account with a first password the administrator passes on.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class NewAccountModel(AccountService accounts, OrganisationService organisations) : AccountFormModel(organisations)
{
    [BindProperty] public string? Password { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var user = await accounts.CreateAsync(Input, Password, ct);
            TempData["Success"] = $"Account opened for {user.DisplayName}";
            return Redirect("/admin/accounts");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors.Where(f => f.Field != "Password"), nameof(Input));
            ShowErrors(e.Errors.Where(f => f.Field == "Password"));
            await LoadChoicesAsync(ct);
            return Page();
        }
    }
}
