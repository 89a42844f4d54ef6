using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>Who is reached by each personalised care intervention, against local targets, by month and split for equity.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class ReachModel(CommissioningService figures) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Split Split { get; set; } = Split.Practice;
    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();

    public ReachView View { get; private set; } = default!;
    public int SuppressBelow => figures.SuppressBelow;
    public static readonly IReadOnlyList<SelectListItem> SplitChoices = Enum.GetValues<Split>().Select(s => new SelectListItem(CommissioningService.Describe(s), s.ToString())).ToList();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var (from, to) = figures.DefaultPeriod();
        if (!From.IsEmpty && !From.TryParse("Start date", out from, out var e1))
        {
            ShowError(nameof(From), e1!);
        }
        if (!To.IsEmpty && !To.TryParse("End date", out to, out var e2))
        {
            ShowError(nameof(To), e2!);
        }
        else if (to < from)
        {
            ShowError(nameof(To), "End date must be the same as or after the start date");
        }
        if (!ModelState.IsValid)
        {
            (from, to) = figures.DefaultPeriod();
        }
        (From, To) = (DateParts.From(from), DateParts.From(to));
        View = await figures.ReachAsync(from, to, Split, ct);
        return ModelState.IsValid;
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Page();
        }
        var interventions = Enum.GetValues<Intervention>();
        var rows = new List<IReadOnlyList<string>> { new[] { CommissioningService.Describe(Split) }.Concat(interventions.Select(CommissioningService.Describe)).ToList() };
        rows.AddRange(View.Rows.Select(r => new[] { r.Group }.Concat(interventions.Select(i => SmallNumbers.Show(r.People.GetValueOrDefault(i), SuppressBelow))).ToList()));
        rows.Add(new[] { "All" }.Concat(interventions.Select(i => SmallNumbers.Show(View.Totals[i], SuppressBelow))).ToList());
        return File(FigureFormat.Csv(rows), "text/csv", $"upcare-reach-by-{Split.ToString().ToLowerInvariant()}-{View.From:yyyy-MM-dd}-to-{View.To:yyyy-MM-dd}.csv");
    }
}
