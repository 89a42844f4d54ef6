using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages;

/// <summary>The home page: what Upcare is and where to start.</summary>
public class IndexModel(PersonService people, OrganisationService organisations) : UpcarePageModel
{
    public int PeopleCount { get; private set; }
    public int PracticeCount { get; private set; }
    public string PcnName { get; private set; } = "your primary care network";

    public async Task OnGetAsync(CancellationToken ct)
    {
        PeopleCount = await people.CountAsync(ct);
        PracticeCount = (await organisations.GpPracticesAsync(ct)).Count;
        if ((await organisations.ListAsync(OrganisationKind.PrimaryCareNetwork, ct)).FirstOrDefault() is { } pcn)
        {
            PcnName = pcn.Name;
        }
    }
}
