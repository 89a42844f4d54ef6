using Microsoft.AspNetCore.Authorization;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages;

/// <summary>The home page: what Upcare is and where to start.</summary>
[AllowAnonymous]
public class IndexModel(PersonService people, OrganisationService organisations, Upcare.Access.CurrentUser user) : UpcarePageModel
{
    public int PeopleCount { get; private set; }
    public int PracticeCount { get; private set; }
    public string PcnName { get; private set; } = "your primary care network";
    public Upcare.Access.CurrentUser CurrentUser => user;

    /// <summary>The signed-in member of staff's organisation, if they have one.</summary>
    public Organisation? Workplace { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PeopleCount = await people.CountAsync(ct);
        PracticeCount = (await organisations.GpPracticesAsync(ct)).Count;
        if (user.OrganisationId is { } org)
        {
            Workplace = await organisations.FindAsync(org, ct);
        }
        if ((await organisations.ListAsync(OrganisationKind.PrimaryCareNetwork, ct)).FirstOrDefault() is { } pcn)
        {
            PcnName = pcn.Name;
        }
    }
}
