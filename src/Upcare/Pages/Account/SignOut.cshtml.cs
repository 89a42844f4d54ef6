using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Account;

/// <summary>Sign out: a button (so a link prefetch cannot sign anyone out), then back to the home page.</summary>
[Authorize(Policy = AccessPolicies.SignedIn)]
public class SignOutModel(SignInManager<UpcareUser> signIn) : UpcarePageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Success"] = "You have signed out";
        return Redirect("/");
    }
}
