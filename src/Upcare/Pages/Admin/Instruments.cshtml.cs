using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>The instruments in use, where each comes from, and its licence.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class InstrumentsModel(InstrumentCatalogue catalogue) : UpcarePageModel
{
    public InstrumentCatalogue Catalogue => catalogue;

    public void OnGet()
    {
    }
}
