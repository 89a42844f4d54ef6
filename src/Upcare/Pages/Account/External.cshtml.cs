using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Account;

/// <summary>
/// Where NHS login and NHS CIS2 send the user back. NHS login users are matched to their record by NHS number (an
/// account is opened on first sign-in); CIS2 users must already have an account with the same email address, opened
/// by an administrator, which decides their role.
/// </summary>
[AllowAnonymous]
public class ExternalSignInModel(SignInManager<UpcareUser> signIn, ExternalAccounts accounts) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            Problem = "Signing in with the other service did not finish. Go back to the sign-in page and try again.";
            return Page();
        }
        var (user, problem) = await accounts.FindOrLinkAsync(info, ct);
        if (user is null)
        {
            Problem = problem;
            return Page();
        }
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (!result.Succeeded)
        {
            Problem = result.IsLockedOut || result.IsNotAllowed ? "This account is locked or closed. Ask an administrator." : "You could not be signed in. Try again.";
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl! : UserRoles.HomePath(user.Role));
    }
}
