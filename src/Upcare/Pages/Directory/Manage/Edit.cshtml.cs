using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.ServiceDirectory;

namespace Upcare.Pages.Directory.Manage;

/// <summary>A VCSE worker changes one of their organisation's services; the history shows who changed what, and when.</summary>
[Authorize(Policy = AccessPolicies.OwnServices)]
public class EditServiceModel(DirectoryEditing editing, DirectorySearch search) : ServiceFormModel(editing, search)
{
    [BindProperty(SupportsGet = true)] public Guid ServiceId { get; set; }

    public string ServiceName { get; private set; } = "";
    public IReadOnlyList<ServiceEdit> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Editing.OwnServiceAsync(ServiceId, ct) is not { } service)
        {
            return NotFound();
        }
        Input = ServiceDetails.From(service);
        Input.Needs = service.Taxonomy.Select(t => t.TermId).ToList() is var ids ? (await LoadNeedCodesAsync(ids, ct)) : [];
        Version = service.Version;
        await LoadAsync(service, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await SaveAsync(ServiceId, ct);
        if (result is Microsoft.AspNetCore.Mvc.RazorPages.PageResult && await Editing.OwnServiceAsync(ServiceId, ct) is { } service)
        {
            await LoadAsync(service, ct);
        }
        return result;
    }

    private async Task<List<string>> LoadNeedCodesAsync(List<Guid> ids, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        return NeedChoices.Where(t => ids.Contains(t.Id)).Select(t => t.Code).ToList();
    }

    private async Task LoadAsync(CommunityService service, CancellationToken ct)
    {
        ServiceName = service.Name;
        History = await Editing.HistoryAsync(service.Id, ct);
        await LoadChoicesAsync(ct);
    }
}
