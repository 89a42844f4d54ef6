using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Choice;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The person chooses where to be seen, from the providers their clinician showed them, and says why.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class ChoicesModel(ChoiceService choice, CurrentUser user) : UpcarePageModel
{
    public IReadOnlyList<ChoiceReferral> Referrals { get; private set; } = [];

    [BindProperty] public ChoiceForm Input { get; set; } = new();

    /// <summary>The referral whose form showed an error.</summary>
    public Guid? Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Referrals = await choice.ForPersonAsync(user.PersonId!.Value, ct);

    public async Task<IActionResult> OnPostChooseAsync(Guid referralId, CancellationToken ct)
    {
        try
        {
            var chosen = await choice.ChooseAsync(user.PersonId!.Value, referralId, Input.ChosenProviderId, Input.Reason, ct);
            TempData["Success"] = $"Thank you. You chose {chosen.ChosenProviderName} for {chosen.Service}";
            return Redirect("/me/choices");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            Failed = referralId;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
