using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Coaching;
using Upcare.Outcomes;
using Upcare.Pages.Shared;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.Coaching;

/// <summary>
/// A person's health coaching: the sessions so far, their activation level where measured (PAM), what they share of
/// their own goals and diary, and (for their coach) the next session's record.
/// </summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class PersonModel(PersonService people, CoachingService coaching, OutcomeService outcomes, CurrentUser user) : PersonPageModel(people)
{
    [BindProperty] public SessionForm Input { get; set; } = new();

    public IReadOnlyList<CoachingSession> Sessions { get; private set; } = [];
    public SharedSelfManagement Shared { get; private set; } = new(false, false, [], []);
    public LatestMeasure? Pam { get; private set; }
    public bool IsCoach => user.Role == UserRole.HealthCoach;
    public int MaxSessions => coaching.MaxSessions;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return false;
        }
        Sessions = await coaching.SessionsAsync(Id, ct);
        Shared = await coaching.SharedWithPractitionerAsync(Id, ct);
        Pam = (await outcomes.LatestAsync(Id, ct)).FirstOrDefault(m => m.InstrumentCode == "pam");
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var session = await coaching.AddSessionAsync(Id, Input, ct);
            TempData["Success"] = $"Session {session.Number} of {MaxSessions} recorded";
            return Redirect($"/people/{Id}/coaching");
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            return Page();
        }
    }
}
