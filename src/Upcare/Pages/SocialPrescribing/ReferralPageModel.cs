using Microsoft.AspNetCore.Mvc;
using Upcare.ServiceDirectory;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.SocialPrescribing;

/// <summary>The referral form, shared by staff referring a person and a person referring themselves.</summary>
public abstract class ReferralPageModel(SocialPrescribingService service) : UpcarePageModel
{
    [BindProperty] public ReferralForm Input { get; set; } = new();

    public IReadOnlyList<TaxonomyTerm> NeedChoices { get; private set; } = [];

    /// <summary>True when the person is referring themselves: the form speaks to them.</summary>
    public abstract bool Self { get; }

    protected SocialPrescribingService Service => service;

    protected async Task LoadNeedsAsync(CancellationToken ct) => NeedChoices = await service.NeedChoicesAsync(ct);

    /// <summary>Refers; on success, or when an open referral exists, goes where <paramref name="shown"/> says.</summary>
    protected async Task<IActionResult> ReferAsync(Guid personId, Func<Guid, string> shown, CancellationToken ct)
    {
        try
        {
            var referral = await service.ReferAsync(personId, Input, ct);
            TempData["Success"] = Self
                ? "Thank you. A link worker will contact you within a few working days"
                : $"Referral sent to the social prescribing service. A link worker will contact them by {UkTime.FormatDate(referral.FirstContactDue)}";
            return Redirect(shown(referral.Id));
        }
        catch (OpenReferralExistsException e)
        {
            TempData["Success"] = Self
                ? "You already have an open referral to a link worker: here it is"
                : "This person already has an open social prescribing referral, so no new one was made. Here it is";
            return Redirect(shown(e.ReferralId));
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            await LoadNeedsAsync(ct);
            return Page();
        }
    }
}
