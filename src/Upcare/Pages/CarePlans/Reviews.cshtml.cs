using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.CarePlans;

/// <summary>The practitioner's list of care and support plan reviews overdue or due in the next four weeks, for the people they look after.</summary>
[Authorize(Policy = AccessPolicies.FindPeople)]
public class ReviewsModel(CarePlanService plans) : UpcarePageModel
{
    public const int DaysAhead = 28;

    public IReadOnlyList<ReviewDue> Due { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Due = await plans.ReviewsDueAsync(DaysAhead, ct);
}
