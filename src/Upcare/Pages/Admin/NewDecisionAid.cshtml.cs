using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.SharedDecisions;

namespace Upcare.Pages.Admin;

/// <summary>Adds a decision aid to the library.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class NewDecisionAidModel(DecisionAidService aids) : DecisionAidFormModel(aids)
{
    protected override Guid? AidIdToSave => null;

    public void OnGet()
    {
    }
}
