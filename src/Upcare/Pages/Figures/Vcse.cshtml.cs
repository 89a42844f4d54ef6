using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>VCSE demand and capacity over the last 12 months: referrals received, accepted, declined and expired, by organisation and need; gaps in provision.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class VcseModel(CommissioningService figures) : SplitFiguresPageModel(figures)
{
    public DemandView View { get; private set; } = default!;
    public (DateOnly From, DateOnly To) Period { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Period = Figures.DefaultPeriod();
        View = await Figures.DemandAsync(Period.From, Period.To, Split, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        string C(int n) => SmallNumbers.Show(n, SuppressBelow);
        var rows = new List<IReadOnlyList<string>> { new[] { "By", "Group", "Received", "Accepted", "Declined", "Expired", "Waiting" } };
        foreach (var (by, list) in new[] { ("Organisation", View.ByOrganisation), ("Need", View.ByNeed), (SplitHeading, View.ByGroup) })
        {
            rows.AddRange(list.Select(r => new[] { by, r.Group, C(r.Received), C(r.Accepted), C(r.Declined), C(r.Expired), C(r.Waiting) }));
        }
        return File(FigureFormat.Csv(rows), "text/csv", $"upcare-vcse-demand{SplitFilePart}-{Period.From:yyyy-MM-dd}-to-{Period.To:yyyy-MM-dd}.csv");
    }
}
