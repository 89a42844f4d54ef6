using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Coaching;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The person's own goals and diary, their progress over time, their coaching sessions, and what their coach can see.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class SelfManagementModel(CoachingService coaching, CurrentUser user) : UpcarePageModel
{
    public IReadOnlyList<SelfManagementGoal> Goals { get; private set; } = [];
    public IReadOnlyList<DiaryEntry> Diary { get; private set; } = [];
    public IReadOnlyList<CoachingSession> Sessions { get; private set; } = [];
    public CoachSharing Sharing { get; private set; } = new();

    [BindProperty] public string? GoalText { get; set; }
    [BindProperty] public DiaryKind? Kind { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public DateParts On { get; set; } = new();
    [BindProperty] public bool ShareGoals { get; set; }
    [BindProperty] public bool ShareDiary { get; set; }

    public static readonly IReadOnlyList<SelectListItem> KindChoices =
    [
        new("Minutes walked", nameof(DiaryKind.Walked)), new("Blood glucose (mmol/L)", nameof(DiaryKind.BloodGlucose)),
        new("Mood, 1 (very low) to 5 (very good)", nameof(DiaryKind.Mood)), new("A note", nameof(DiaryKind.Note)),
    ];

    private Guid PersonId => user.PersonId!.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Goals = await coaching.GoalsAsync(PersonId, ct);
        Diary = await coaching.DiaryAsync(PersonId, ct);
        Sessions = await coaching.SessionsAsync(PersonId, ct);
        Sharing = await coaching.SharingAsync(PersonId, ct);
    }

    private Task<IActionResult> DoAsync(Func<Task> change, string done, CancellationToken ct) =>
        ChangeThenRedirectAsync(async () => { await change(); return done; }, "/me/self-management", () => OnGetAsync(ct));

    public Task<IActionResult> OnPostGoalAsync(CancellationToken ct) => DoAsync(() => coaching.AddGoalAsync(PersonId, GoalText, ct), "Goal added", ct);

    public Task<IActionResult> OnPostMetAsync(Guid goalId, CancellationToken ct) => DoAsync(() => coaching.MarkGoalMetAsync(PersonId, goalId, ct), "Well done. Goal marked as met", ct);

    public Task<IActionResult> OnPostDiaryAsync(CancellationToken ct) => DoAsync(() => coaching.AddDiaryAsync(PersonId, Kind, Value, Text, On, ct), "Added to your diary", ct);

    public Task<IActionResult> OnPostShareAsync(CancellationToken ct) => DoAsync(() => coaching.ShareAsync(PersonId, ShareGoals, ShareDiary, ct), "Your choice is saved", ct);
}
