using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.People;
using Upcare.SupportNetworks;

namespace Upcare.Pages.SupportNetworks;

/// <summary>A kept snapshot: the map as it was, and what changed since the snapshot before it.</summary>
public abstract class SnapshotPageModel(PersonService people, CurrentUser user, SupportNetworkHistory history) : SupportNetworkPageModel(people, user)
{
    [BindProperty(SupportsGet = true)] public Guid SnapshotId { get; set; }

    public SnapshotView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }
        (Decision, var view) = await history.GetAsync(PersonId, SnapshotId, ct);
        if (!Decision.Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (view is null)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }
}
