using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.PeerSupport;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.PeerSupport;

/// <summary>An organiser's peer support groups, and starting a new one.</summary>
[Authorize(Policy = AccessPolicies.PeerSupportOrganisers)]
public class IndexModel(PeerSupportService peers) : UpcarePageModel
{
    public IReadOnlyList<(PeerGroup Group, int Members)> Groups { get; private set; } = [];

    [BindProperty] public GroupForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> TopicChoices => peers.Topics.Select(t => new SelectListItem(t.Label, t.Code)).ToList();
    public string Label(string code) => peers.Label(code);

    public async Task OnGetAsync(CancellationToken ct) => Groups = await peers.OrganisedAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var group = await peers.CreateGroupAsync(Input, ct);
            TempData["Success"] = $"{group.Name} started";
            return Redirect($"/peer-support/{group.Id}");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            await OnGetAsync(ct);
            return Page();
        }
    }
}
