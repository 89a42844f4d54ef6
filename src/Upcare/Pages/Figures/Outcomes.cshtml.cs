using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>What changed for people who finished social prescribing or coaching: paired before/after, response rate, meaningful change.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class OutcomesModel(CommissioningService figures) : SplitFiguresPageModel(figures)
{
    public IReadOnlyList<OutcomeRow> Rows { get; private set; } = [];
    public (DateOnly From, DateOnly To) Period { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Period = Figures.DefaultPeriod();
        Rows = await Figures.OutcomesAsync(Period.From, Period.To, Split, ct);
    }

    public string Count(int n) => SmallNumbers.Show(n, SuppressBelow);

    /// <summary>Shares and means only where enough pairs make them up.</summary>
    public string Shown(OutcomeRow r, string value) => r.Paired < SuppressBelow ? "not shown" : value;

    public string Improved(OutcomeRow r) => Shown(r, $"{Count(r.Improved)} ({100.0 * r.Improved / Math.Max(1, r.Paired):0}%)");

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        var rows = new List<IReadOnlyList<string>> { new[] { SplitHeading, "Programme", "Measure", "Finished", "Answered before and after", "Response rate", "Mean change (positive = better)", "Meaningful change", "Improved" } };
        rows.AddRange(Rows.Select(r => new[]
        {
            r.Group, r.Programme, r.Measure, Count(r.Finished), Count(r.Paired), Shown(r, $"{r.ResponseRatePercent:0.0}%"), Shown(r, $"{r.MeanChange:0.00}"),
            r.Threshold is { } t ? $"{t} points" : "no threshold set", Improved(r),
        }));
        return File(FigureFormat.Csv(rows), "text/csv", $"upcare-outcomes{SplitFilePart}-{Period.From:yyyy-MM-dd}-to-{Period.To:yyyy-MM-dd}.csv");
    }
}
