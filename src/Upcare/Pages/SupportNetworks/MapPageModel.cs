using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.People;
using Upcare.Shared;
using Upcare.SupportNetworks;

namespace Upcare.Pages.SupportNetworks;

/// <summary>The map page: the picture and table, what Upcare suggests, adding, and keeping a snapshot.</summary>
public abstract class MapPageModel(PersonService people, CurrentUser user, SupportNetworkService networks, SupportNetworkSharing sharing) : SupportNetworkPageModel(people, user)
{
    [BindProperty] public SupportEntryInput Input { get; set; } = new();
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public bool Agreed { get; set; }

    public SupportNetworkView? View { get; private set; }

    public IReadOnlyList<SnapshotEntry> Entries =>
        View?.Entries.Select(e => e.ToSnapshot()).ToList() ?? [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }
        await LoadAsync(ct);
        return Decision.Allowed ? Page() : Refused();
    }

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) =>
        ChangeAsync(() => networks.AddAsync(PersonId, new SupportEntryForm(Input.Kind, Input.Name, Input.Detail, Input.Ring, Input.Gives), ct), "Input", ct);

    public Task<IActionResult> OnPostKeepAsync(string? key, CancellationToken ct) => ChangeAsync(() => networks.AnswerSuggestionAsync(PersonId, key, keep: true, ct), null, ct);

    public Task<IActionResult> OnPostTurnDownAsync(string? key, CancellationToken ct) => ChangeAsync(() => networks.AnswerSuggestionAsync(PersonId, key, keep: false, ct), null, ct);

    public Task<IActionResult> OnPostSnapshotAsync(CancellationToken ct) => ChangeAsync(() => networks.SnapshotAsync(PersonId, Label, ct), null, ct);

    public Task<IActionResult> OnPostAgreeAsync(CancellationToken ct) => ChangeAsync(() => sharing.RecordAgreementAsync(PersonId, Agreed, ct), null, ct);

    private async Task<IActionResult> ChangeAsync(Func<Task<Result>> change, string? prefix, CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }
        return await ShowAsync(await change(), Links.Map, async () =>
        {
            await LoadAsync(ct);
            if (!Decision.Allowed)
            {
                Response.StatusCode = StatusCodes.Status403Forbidden;
            }
        }, prefix);
    }

    private async Task LoadAsync(CancellationToken ct) => (Decision, View) = await networks.GetAsync(PersonId, ct);
}
