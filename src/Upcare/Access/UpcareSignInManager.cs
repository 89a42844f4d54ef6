using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Upcare.Data;

namespace Upcare.Access;

/// <summary>Refuses sign-in to a closed account, on top of Identity's own checks, and keeps each session on the server.</summary>
public sealed class UpcareSignInManager(
    UserManager<UpcareUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<UpcareUser> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<UpcareUser>> logger, Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes, IUserConfirmation<UpcareUser> confirmation,
    UpcareDbContext db, TimeProvider clock)
    : SignInManager<UpcareUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(UpcareUser user) => user.DeactivatedAt is null && await base.CanSignInAsync(user);

    /// <summary>
    /// Signs in by email and password doing the same work whatever the outcome: an unknown address, a locked or a closed
    /// account each still verify the password against a stand-in hash, so the time taken does not tell who has an account.
    /// </summary>
    public async Task<(SignInResult Result, UpcareUser? User)> PasswordSignInByEmailAsync(string email, string password)
    {
        var user = await UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            VerifyAgainstStandIn(password);
            return (SignInResult.Failed, null);
        }
        var result = await PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Identity refuses these before it looks at the password.
            VerifyAgainstStandIn(password);
        }
        return (result, user);
    }

    private void VerifyAgainstStandIn(string password)
    {
        var standIn = new UpcareUser { Email = "stand-in@upcare.invalid" };
        standInHash ??= UserManager.PasswordHasher.HashPassword(standIn, Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(standIn, standInHash, password);
    }

    private static string? standInHash;

    /// <summary>
    /// Every sign-in (password, NHS login, CIS2) and every refresh of the cookie comes through here: a refresh keeps its
    /// session; a new sign-in ends whatever session the browser had and starts its own.
    /// </summary>
    public override async Task SignInWithClaimsAsync(UpcareUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claimsToAdd = additionalClaims.ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var current = Context.User;
        if (current.FindFirst(UserSessions.Claim) is { } sid && current.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id.ToString())
        {
            claimsToAdd.Add(new Claim(UserSessions.Claim, sid.Value));
        }
        else
        {
            await UserSessions.EndAsync(db, current, now);
            claimsToAdd.Add(await UserSessions.StartAsync(db, user.Id, now));
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, claimsToAdd);
    }

    public override async Task SignOutAsync()
    {
        await UserSessions.EndAsync(db, Context.User, clock.GetUtcNow().UtcDateTime);
        await base.SignOutAsync();
    }
}
