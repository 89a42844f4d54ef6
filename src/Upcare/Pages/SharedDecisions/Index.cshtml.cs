using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.People;
using Upcare.SharedDecisions;

namespace Upcare.Pages.SharedDecisions;

/// <summary>The decisions a person has made (or is making) with their clinicians.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class IndexModel(PersonService people, SharedDecisionService decisions, CurrentUser user) : Upcare.Pages.Shared.PersonPageModel(people)
{
    public IReadOnlyList<SharedDecision> Decisions { get; private set; } = [];
    public bool CanStart => user.Role == UserRole.Clinician;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }
        Decisions = await decisions.ForPersonAsync(Id, ct);
        return Page();
    }

    public static string Describe(SharedDecision d) => d.Status switch
    {
        DecisionStatus.Decided => $"Chose: {d.ChosenOptionName}",
        DecisionStatus.NotDecidedYet => $"Not decided yet; coming back to it on {Upcare.Shared.UkTime.FormatDate(d.ComeBackOn!.Value)}",
        _ => "Options not talked through yet",
    };
}
