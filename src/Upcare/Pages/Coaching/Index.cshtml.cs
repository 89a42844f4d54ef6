using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Coaching;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Coaching;

/// <summary>The health coach's caseload: each person, the sessions so far and the last one.</summary>
[Authorize(Policy = AccessPolicies.HealthCoaches)]
public class IndexModel(CoachingService coaching) : UpcarePageModel
{
    public IReadOnlyList<(Guid PersonId, string Name, int Sessions, DateOnly? Last)> Caseload { get; private set; } = [];
    public int MaxSessions => coaching.MaxSessions;

    public async Task OnGetAsync(CancellationToken ct) => Caseload = await coaching.CaseloadAsync(ct);
}
