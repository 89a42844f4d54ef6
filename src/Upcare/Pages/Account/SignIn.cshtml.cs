using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Upcare.Access;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Account;

/// <summary>Sign in with an Upcare account (email and password), or with NHS login or NHS CIS2 when configured.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessSetup.SignInRateLimit)]
public class SignInModel(SignInManager<UpcareUser> signIn, UserManager<UpcareUser> users) : UpcarePageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IReadOnlyList<AuthenticationScheme> ExternalProviders { get; private set; } = [];

    public async Task OnGetAsync() => ExternalProviders = (await signIn.GetExternalAuthenticationSchemesAsync()).ToList();

    public async Task<IActionResult> OnPostAsync()
    {
        ExternalProviders = (await signIn.GetExternalAuthenticationSchemesAsync()).ToList();
        if (string.IsNullOrWhiteSpace(Email))
        {
            ShowError(nameof(Email), "Enter your email address");
        }
        if (string.IsNullOrEmpty(Password))
        {
            ShowError(nameof(Password), "Enter your password");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Email!.Trim());
        // The same message whether the address or the password is wrong, so the page does not reveal who has an account.
        const string wrong = "Enter a correct email address and password";
        if (user is null)
        {
            ShowError(nameof(Email), wrong);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ShowError(nameof(Email), "This account is locked after too many wrong passwords. Try again in 15 minutes, or ask an administrator to unlock it");
            return Page();
        }
        if (result.IsNotAllowed)
        {
            ShowError(nameof(Email), "This account has been closed. Ask an administrator if you still need it");
            return Page();
        }
        if (!result.Succeeded)
        {
            ShowError(nameof(Email), wrong);
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl! : UserRoles.HomePath(user.Role));
    }

    /// <summary>Starts NHS login or CIS2 sign-in; the provider sends the user back to /sign-in/external.</summary>
    public async Task<IActionResult> OnPostExternalAsync(string provider)
    {
        if ((await signIn.GetExternalAuthenticationSchemesAsync()).All(s => s.Name != provider))
        {
            return NotFound();
        }
        var properties = signIn.ConfigureExternalAuthenticationProperties(provider, $"/sign-in/external?returnUrl={Uri.EscapeDataString(ReturnUrl ?? "")}");
        return Challenge(properties, provider);
    }
}
