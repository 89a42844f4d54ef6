using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.CommunityReferrals;

/// <summary>
/// One referral to a community service, for whoever has a part in it: the organisation answers and records progress,
/// the link worker cancels or corrects it, both message each other, and everyone sees the history. Anyone else gets
/// "not found".
/// </summary>
[Authorize(Policy = AccessPolicies.SignedIn)]
public class ReferralModel(CommunityReferralService community, CurrentUser user) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid ReferralId { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public CommunityReferralStatus? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? DeclineReason { get; set; }
    [BindProperty] public DateParts AttendedOn { get; set; } = new();
    [BindProperty] public string? Message { get; set; }

    public CommunityReferral Referral { get; private set; } = default!;
    public ReferralParty Party { get; private set; }
    public IReadOnlyList<SelectListItem> Choices { get; private set; } = [];

    /// <summary>The fixed list a decline picks from (what commissioners see); empty when declining is not a choice.</summary>
    public IReadOnlyList<SelectListItem> DeclineChoices { get; private set; } = [];

    public bool CanMessage => user.Role is UserRole.LinkWorker or UserRole.VcseWorker;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStatusAsync(CancellationToken ct) => ActAsync(async () =>
    {
        if (To is not { } to)
        {
            throw new ValidationFailedException([new FieldError(nameof(To), "Select what has happened")]);
        }
        var changed = await community.ChangeStatusAsync(ReferralId, to, Reason, DeclineReason, Version, ct);
        return $"Referral marked as {ClosedLoop.Label(changed.Status).ToLowerInvariant()}";
    }, ct);

    public Task<IActionResult> OnPostAttendedAsync(CancellationToken ct) => ActAsync(async () =>
    {
        await community.RecordAttendanceAsync(ReferralId, Version, AttendedOn, ct);
        return "Session recorded";
    }, ct, dateField: nameof(AttendedOn));

    public Task<IActionResult> OnPostMessageAsync(CancellationToken ct) => ActAsync(async () =>
    {
        await community.MessageAsync(ReferralId, Message, ct);
        return "Message sent";
    }, ct);

    private async Task<IActionResult> ActAsync(Func<Task<string>> act, CancellationToken ct, string? dateField = null)
    {
        try
        {
            TempData["Success"] = await act();
            return Redirect($"/community-referrals/{ReferralId}");
        }
        catch (Exception e) when (e is KeyNotFoundException or UnauthorizedAccessException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors.Select(x => x.Field == "Date" && dateField is not null ? x with { Field = dateField } : x));
        }
        catch (ReferralChangedException e)
        {
            ShowError("", $"Someone else updated this referral while you were looking: it is now {ClosedLoop.Label(e.Now).ToLowerInvariant()}. Check the history, then try again if you still need to");
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
        if (await community.GetAsync(ReferralId, ct) is not { } found)
        {
            return false;
        }
        (Referral, Party) = found;
        Version = Referral.Version;
        var allowed = user.Role == UserRole.Person
            ? ClosedLoop.Allowed(Referral.Status, Party).Where(s => s == CommunityReferralStatus.Cancelled)
            : ClosedLoop.Allowed(Referral.Status, Party);
        Choices = allowed.Select(s => new SelectListItem(Describe(s), s.ToString())).ToList();
        DeclineChoices = allowed.Contains(CommunityReferralStatus.Rejected)
            ? DeclineReasons.All.Select(r => new SelectListItem(DeclineReasons.Label(r), DeclineReasons.Code(r))).ToList()
            : [];
        return true;
    }

    /// <summary>The choice as the person acting would say it.</summary>
    private static string Describe(CommunityReferralStatus to) => to switch
    {
        CommunityReferralStatus.Accepted => "Accept: we can take them on",
        CommunityReferralStatus.Rejected => "Decline: we cannot take them on (say why)",
        CommunityReferralStatus.InProgress => "They have started",
        CommunityReferralStatus.OnHold => "On hold for now",
        CommunityReferralStatus.Completed => "They have finished",
        CommunityReferralStatus.Failed => "They dropped out or did not finish (give a reason)",
        CommunityReferralStatus.Cancelled => "Cancel the referral (give a reason)",
        CommunityReferralStatus.EnteredInError => "It was sent by mistake (give a reason)",
        _ => ClosedLoop.Label(to),
    };
}
