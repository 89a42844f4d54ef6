using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Account;

/// <summary>Sign in with an Upcare account (email and password), or with NHS login or NHS CIS2 when configured.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessSetup.SignInRateLimit)]
public class SignInModel(UpcareSignInManager signIn, IOptions<Upcare.Access.SignInOptions> options) : UpcarePageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set after a refused attempt, to explain locking and closing without saying which applies.</summary>
    public bool SignInFailed { get; private set; }

    /// <summary>How long a lock lasts, for the hint.</summary>
    public int LockoutMinutes => (int)Math.Ceiling(options.Value.LockoutLasts.TotalMinutes);

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
        var (result, user) = await signIn.PasswordSignInByEmailAsync(Email!.Trim(), Password!);
        if (!result.Succeeded)
        {
            // One message for an unknown address, a wrong password, a locked and a closed account, so the page does not
            // reveal who has an account; the page's hint explains locking and closing to everyone alike.
            ShowError(nameof(Email), "Enter a correct email address and password");
            SignInFailed = true;
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl! : UserRoles.HomePath(user!.Role));
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
