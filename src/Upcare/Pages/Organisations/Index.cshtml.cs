using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Organisations;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Organisations;

/// <summary>Lists the organisations by kind.</summary>
[Authorize(Policy = AccessPolicies.SignedIn)]
public class OrganisationsModel(OrganisationService organisations) : UpcarePageModel
{
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public string ParentName(Organisation o) =>
        o.ParentId is { } id && Organisations.FirstOrDefault(p => p.Id == id) is { } parent ? parent.Name : "";

    public async Task OnGetAsync(CancellationToken ct) => Organisations = await organisations.ListAsync(null, ct);
}
