using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.People;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.People;

/// <summary>A contact as the link worker enters it.</summary>
public sealed class ContactInput
{
    public ContactMode? Mode { get; set; }
    public string? Minutes { get; set; }
    public DateParts Date { get; set; } = new();
    public string? Note { get; set; }
}

/// <summary>A discharge as the link worker enters it.</summary>
public sealed class DischargeInput
{
    public DischargeReason? Reason { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// The link worker's social prescribing record for one person: the referral, contacts, what matters, the wellbeing
/// questionnaire before and after, referrals to community services, and the discharge. Others with a care
/// relationship (the referring clinician) read it; only the link worker who took it on changes it.
/// </summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class SocialPrescribingRecordModel(SocialPrescribingService service, CommunityReferralService community, PersonService people, CurrentUser user, TimeProvider clock) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid ReferralId { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public ContactInput Contact { get; set; } = new();
    [BindProperty] public string? WhatMatters { get; set; }
    [BindProperty] public DischargeInput Discharge { get; set; } = new();

    public Person Person { get; private set; } = default!;
    public SocialPrescribingReferral Referral { get; private set; } = default!;
    public IReadOnlyList<CommunityReferral> CommunityReferrals { get; private set; } = [];
    public WellbeingBeforeAfter Wellbeing { get; private set; } = default!;
    public IReadOnlyList<GpSummary> Summaries { get; private set; } = [];

    public bool IsLinkWorker => Referral.LinkWorkerUserId == user.Id;

    /// <summary>The link worker who took it on, while it is open.</summary>
    public bool CanChange => Referral.LinkWorkerUserId == user.Id && Referral.Status != SocialPrescribingStatus.Discharged;

    public static readonly IReadOnlyList<SelectListItem> Modes =
        Enum.GetValues<ContactMode>().Select(m => new SelectListItem(SocialPrescribingService.Describe(m), m.ToString())).ToList();
    public static readonly IReadOnlyList<SelectListItem> DischargeReasons =
        Enum.GetValues<DischargeReason>().Select(r => new SelectListItem(SocialPrescribingService.Describe(r), r.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Contact.Date = DateParts.From(UkTime.Today(clock));
        WhatMatters = Referral.WhatMatters;
        return Page();
    }

    public Task<IActionResult> OnPostContactAsync(CancellationToken ct) => ActAsync(nameof(Contact), async () =>
    {
        await service.RecordContactAsync(Id, ReferralId, Version, Contact.Mode, Contact.Minutes, Contact.Date, Contact.Note, ct);
        return "Contact recorded";
    }, ct);

    public Task<IActionResult> OnPostWhatMattersAsync(CancellationToken ct) => ActAsync(null, async () =>
    {
        await service.RecordWhatMattersAsync(Id, ReferralId, Version, WhatMatters, ct);
        return "What matters has been saved";
    }, ct);

    public Task<IActionResult> OnPostDischargeAsync(CancellationToken ct) => ActAsync(nameof(Discharge), async () =>
    {
        await service.DischargeAsync(Id, ReferralId, Version, Discharge.Reason, Discharge.Note, ct);
        return "Discharged. A summary has gone back to the GP practice and the referrer";
    }, ct);

    private async Task<IActionResult> ActAsync(string? prefix, Func<Task<string>> act, CancellationToken ct)
    {
        try
        {
            TempData["Success"] = await act();
            return Redirect($"/people/{Id}/social-prescribing/{ReferralId}");
        }
        catch (Exception e) when (e is KeyNotFoundException or UnauthorizedAccessException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors.Select(x => x.Field.Length == 0 || prefix is null ? x : x with { Field = $"{prefix}.{x.Field}" }));
        }
        catch (EditConflictException)
        {
            ShowError("", "Someone else changed this record while you were working on it. What you entered is below: check the record, then save again");
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Remove(nameof(Version));
        Version = Referral.Version;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await people.GetAsync(Id, ct) is not { } person || await service.GetAsync(Id, ReferralId, ct) is not { } referral)
        {
            return false;
        }
        (Person, Referral) = (person, referral);
        Version = referral.Version;
        CommunityReferrals = await community.ForReferralAsync(ReferralId, ct);
        Wellbeing = await service.WellbeingAsync(referral, ct);
        Summaries = (await service.SummariesAsync(Id, ct)).Where(s => s.ReferralId == ReferralId).ToList();
        return true;
    }
}
