using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Choice;
using Upcare.Pages.Shared;
using Upcare.People;

namespace Upcare.Pages.Choice;

/// <summary>The person's referrals with choice of provider: whether the right applied, what was shown and what they chose.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class IndexModel(PersonService people, ChoiceService choice, CurrentUser user) : PersonPageModel(people)
{
    public IReadOnlyList<ChoiceReferral> Referrals { get; private set; } = [];
    public bool CanRefer => user.Role == UserRole.Clinician;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }
        Referrals = await choice.ForPersonAsync(Id, ct);
        return Page();
    }

    public static string Describe(ChoiceReferral r) => r.Status switch
    {
        ChoiceStatus.Chosen => $"Chose {r.ChosenProviderName}{(r.ChosenByThePerson ? " (on their own pages)" : "")}: \"{r.Reason}\"",
        ChoiceStatus.Offered => $"Choice offered ({ChoiceService.OptionsOf(r).Count} providers shown); not chosen yet",
        _ => $"No legal right to choose: {r.Exclusion ?? "not a first consultant-led outpatient appointment"}",
    };
}
