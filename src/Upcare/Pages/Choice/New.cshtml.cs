using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Choice;
using Upcare.Pages.Shared;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.Choice;

/// <summary>
/// A clinician's referral with choice: the service and whether the legal right to choose applies; then the providers
/// with distance, wait and rating, and the person's choice now or later from their own pages.
/// </summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class NewModel(PersonService people, ChoiceService choice) : PersonPageModel(people)
{
    [BindProperty] public ChoiceForm Input { get; set; } = new();

    /// <summary>Set once the providers are shown (step two).</summary>
    public IReadOnlyList<ChoiceOption>? Options { get; private set; }

    public IReadOnlyList<SelectListItem> ServiceChoices { get; private set; } = [];
    public IReadOnlyList<SelectListItem> ExclusionChoices => choice.Exclusions.Select(e => new SelectListItem(e, e)).ToList();
    public static readonly IReadOnlyList<SelectListItem> YesNo = [new("Yes", "true"), new("No", "false")];

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return false;
        }
        ServiceChoices = (await choice.ServicesAsync(ct)).Select(s => new SelectListItem(s, s)).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Step one done: with the right to choose, show the providers; without it, record that there was none.</summary>
    public async Task<IActionResult> OnPostProvidersAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var v = new Validation();
        if (Input.Service is null || ServiceChoices.All(s => s.Value != Input.Service)) v.Add("Input.Service", "Select the service the person is referred to");
        if (Input.FirstConsultantLedOutpatient is null) v.Add("Input.FirstConsultantLedOutpatient", "Select whether this is a first consultant-led outpatient appointment");
        if (!v.IsValid)
        {
            ShowErrors(v.Errors);
            return Page();
        }
        if (Input.FirstConsultantLedOutpatient == true && string.IsNullOrEmpty(Input.Exclusion))
        {
            Options = await choice.OptionsAsync(Id, Input.Service!, ct);
            return Page();
        }
        return await SaveAsync(ct);
    }

    /// <summary>"They will choose later": choice offered, nothing chosen.</summary>
    public async Task<IActionResult> OnPostLaterAsync(CancellationToken ct)
    {
        Input.ChosenProviderId = null;
        return await LoadAsync(ct) ? await SaveAsync(ct) : NotFound();
    }

    /// <summary>The person chose there and then: a provider and why are both needed.</summary>
    public async Task<IActionResult> OnPostChooseAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (Input.ChosenProviderId is null)
        {
            ShowError("Input.ChosenProviderId", "Choose one of the providers shown");
            if (string.IsNullOrWhiteSpace(Input.Reason))
            {
                ShowError("Input.Reason", "Enter why they chose it, in their words");
            }
            Options = Input.Service is null ? [] : await choice.OptionsAsync(Id, Input.Service, ct);
            return Page();
        }
        return await SaveAsync(ct);
    }

    private async Task<IActionResult> SaveAsync(CancellationToken ct)
    {
        try
        {
            var referral = await choice.OfferAsync(Id, Input, ct);
            TempData["Success"] = referral.Status switch
            {
                ChoiceStatus.Chosen => $"Referral recorded: {GivenName} chose {referral.ChosenProviderName}",
                ChoiceStatus.Offered => $"Choice offered. {GivenName} can choose from their own pages",
                _ => "Referral recorded without choice of provider",
            };
            return Redirect($"/people/{Id}/choice");
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            if (Input.Service is not null && Input.FirstConsultantLedOutpatient == true)
            {
                Options = await choice.OptionsAsync(Id, Input.Service, ct);
            }
            return Page();
        }
    }
}
