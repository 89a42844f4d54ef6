using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.SharedDecisions;

namespace Upcare.Pages.Admin;

/// <summary>Changes a decision aid (or withdraws it, so clinicians no longer choose it).</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class EditDecisionAidModel(DecisionAidService aids) : DecisionAidFormModel(aids)
{
    [BindProperty(SupportsGet = true)] public Guid AidId { get; set; }

    protected override Guid? AidIdToSave => AidId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Aids.GetAsync(AidId, ct) is not { } aid)
        {
            return NotFound();
        }
        Input = DecisionAidForm.From(aid);
        Input.Options.Add(new OptionForm());
        Version = aid.Version;
        return Page();
    }
}
