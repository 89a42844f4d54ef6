using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.People;
using Upcare.SupportNetworks;

namespace Upcare.Pages.SupportNetworks;

/// <summary>One entry: move it to another ring, change what it gives, or take it off the map.</summary>
public abstract class EntryPageModel(PersonService people, CurrentUser user, SupportNetworkService networks) : SupportNetworkPageModel(people, user)
{
    [BindProperty(SupportsGet = true)] public Guid EntryId { get; set; }
    [BindProperty] public SupportRing? Ring { get; set; }
    [BindProperty] public List<SupportGives> Gives { get; set; } = [];
    [BindProperty] public string? Detail { get; set; }
    [BindProperty] public int Version { get; set; }

    public SupportNetworkEntry? Entry { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }
        if (await LoadAsync(ct) is { } refusal)
        {
            return refusal;
        }
        (Ring, Gives, Detail, Version) = (Entry!.Ring, Entry.Gives.Each(), Entry.Detail, Entry.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        !await LoadPersonAsync(ct) ? NotFound() : await ShowAsync(await networks.ChangeAsync(PersonId, EntryId, Ring, Gives, Detail, Version, ct), Links.Map, ReloadAsync(ct));

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct) =>
        !await LoadPersonAsync(ct) ? NotFound() : await ShowAsync(await networks.RemoveAsync(PersonId, EntryId, ct), Links.Map, ReloadAsync(ct));

    /// <summary>After a conflict, the entry as stored now (its new version), keeping what this user typed.</summary>
    private Func<Task> ReloadAsync(CancellationToken ct) => async () =>
    {
        await LoadAsync(ct);
        if (Entry is not null)
        {
            ModelState.Remove(nameof(Version));
            Version = Entry.Version;
        }
    };

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        (Decision, Entry) = await networks.GetEntryAsync(PersonId, EntryId, ct);
        return !Decision.Allowed ? StatusCode(StatusCodes.Status403Forbidden) : Entry is null ? NotFound() : null;
    }
}
