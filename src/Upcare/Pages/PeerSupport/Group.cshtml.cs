using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.PeerSupport;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.PeerSupport;

/// <summary>One group, for its organiser: who is in it, and who came to a meeting.</summary>
[Authorize(Policy = AccessPolicies.PeerSupportOrganisers)]
public class GroupModel(PeerSupportService peers, TimeProvider clock) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid GroupId { get; set; }
    [BindProperty] public DateParts On { get; set; } = new();
    [BindProperty] public List<Guid> Present { get; set; } = [];

    public PeerGroup Group { get; private set; } = default!;
    public IReadOnlyList<GroupMember> Members { get; private set; } = [];
    public string TopicLabel => peers.Label(Group.Topic);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await peers.OrganisedGroupAsync(GroupId, ct) is not { } found)
        {
            return false;
        }
        (Group, Members) = (found.Group, found.Members);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        On = DateParts.From(UkTime.Today(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var added = await peers.RecordAttendanceAsync(GroupId, On, Present, ct);
            TempData["Success"] = $"Attendance recorded for {added} {(added == 1 ? "person" : "people")}";
            return Redirect($"/peer-support/{GroupId}");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            return Page();
        }
    }
}
