using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Commissioning;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>A figures page that can split its figures for equity (IMD decile, age band, sex, ethnic category, long-term conditions, practice).</summary>
public abstract class SplitFiguresPageModel(CommissioningService figures) : UpcarePageModel
{
    /// <summary>No split shows everyone together.</summary>
    [BindProperty(SupportsGet = true)] public Split? Split { get; set; }

    protected CommissioningService Figures { get; } = figures;

    public int SuppressBelow => Figures.SuppressBelow;

    public static readonly IReadOnlyList<SelectListItem> SplitChoices =
        [new SelectListItem("Not split", ""), .. Enum.GetValues<Split>().Select(s => new SelectListItem(CommissioningService.Describe(s), s.ToString()))];

    /// <summary>The query string that keeps the split, for the CSV link.</summary>
    public string SplitQuery => Split is { } s ? $"&Split={s}" : "";

    /// <summary>The column heading for the groups, and the CSV file name's part.</summary>
    public string SplitHeading => Split is { } s ? CommissioningService.Describe(s) : CommissioningService.All;

    /// <summary>The split's name inside a sentence.</summary>
    public string SplitInSentence => Split is { } s ? CommissioningService.InSentence(s) : "";
    public string SplitFilePart => Split is { } s ? $"-by-{s.ToString().ToLowerInvariant()}" : "";
}
