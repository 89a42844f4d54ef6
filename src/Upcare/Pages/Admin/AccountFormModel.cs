using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Organisations;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>The fields of an account, shared by opening and changing one.</summary>
public abstract class AccountFormModel(OrganisationService organisations) : UpcarePageModel
{
    [BindProperty] public AccountDetails Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> RoleItems { get; } =
        Enum.GetValues<UserRole>().Select(r => new SelectListItem(UserRoles.Label(r), r.ToString())).ToList();

    public IReadOnlyList<SelectListItem> OrganisationItems { get; private set; } = [];

    protected async Task LoadChoicesAsync(CancellationToken ct) =>
        OrganisationItems = (await organisations.ListAsync(null, ct))
            .Select(o => new SelectListItem($"{o.Name} ({Organisation.DisplayKind(o.Kind)})", o.Id.ToString()))
            .ToList();
}
