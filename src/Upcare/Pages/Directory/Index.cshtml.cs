using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.ServiceDirectory;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Directory;

/// <summary>Anyone (no sign-in) finds community services by need, place, eligibility, cost, opening, delivery and words.</summary>
[AllowAnonymous]
public class DirectorySearchModel(DirectorySearch search) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty(SupportsGet = true)] public string? Postcode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Within { get; set; }
    [BindProperty(SupportsGet = true)] public string? Age { get; set; }
    [BindProperty(SupportsGet = true)] public string? Condition { get; set; }
    [BindProperty(SupportsGet = true)] public string? Gender { get; set; }
    [BindProperty(SupportsGet = true)] public bool Free { get; set; }
    [BindProperty(SupportsGet = true)] public string? Day { get; set; }
    [BindProperty(SupportsGet = true)] public string? Time { get; set; }
    [BindProperty(SupportsGet = true)] public bool OpenNow { get; set; }
    [BindProperty(SupportsGet = true)] public bool InPerson { get; set; }
    [BindProperty(SupportsGet = true)] public bool Online { get; set; }
    [BindProperty(SupportsGet = true)] public bool ByPhone { get; set; }
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "search")] public string? Submitted { get; set; }

    public IReadOnlyList<SelectListItem> Needs { get; private set; } = [];
    public static readonly IReadOnlyList<SelectListItem> Distances =
        [new("1 mile", "1"), new("3 miles", "3"), new("5 miles", "5"), new("10 miles", "10")];
    public static readonly IReadOnlyList<SelectListItem> Conditions =
        Eligibility.Conditions.Select(c => new SelectListItem(c.Name, c.Code)).ToList();
    public static readonly IReadOnlyList<SelectListItem> Genders =
        Eligibility.Genders.Select(g => new SelectListItem(g.Person, g.Code)).ToList();
    public static readonly IReadOnlyList<SelectListItem> Days =
        Enum.GetValues<DayOfWeek>().Skip(1).Append(DayOfWeek.Sunday).Select(d => new SelectListItem(d.ToString(), d.ToString())).ToList();

    public DirectoryPage? Result { get; private set; }

    public const double KmPerMile = PostcodeDirectory.KmPerMile;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Needs = (await search.NeedsAsync(ct)).Select(t => new SelectListItem(t.Name, t.Code)).ToList();
        if (Submitted is null && PageNumber == 1)
        {
            return;
        }
        var query = new DirectoryQuery { Need = Need, Postcode = Postcode, Condition = Condition, Gender = Gender, FreeOnly = Free, OpenNow = OpenNow, InPerson = InPerson, Online = Online, ByPhone = ByPhone, Text = Text, Page = PageNumber };
        // Checked in the order the fields appear, so the error summary reads down the form.
        if (!string.IsNullOrWhiteSpace(Postcode) && !Upcare.Shared.Postcode.IsValid(Postcode))
        {
            ShowError(nameof(Postcode), "Enter a real postcode, like NE4 6BE");
        }
        if (!string.IsNullOrWhiteSpace(Within))
        {
            if (double.TryParse(Within, System.Globalization.CultureInfo.InvariantCulture, out var miles) && miles is > 0 and <= 50)
            {
                query.WithinKm = miles * KmPerMile;
            }
            else
            {
                ShowError(nameof(Within), "Choose a distance");
            }
        }
        if (!string.IsNullOrWhiteSpace(Age))
        {
            if (int.TryParse(Age, out var age) && age is >= 0 and <= 120)
            {
                query.Age = age;
            }
            else
            {
                ShowError(nameof(Age), "Age must be a whole number of years, from 0 to 120");
            }
        }
        if (!string.IsNullOrWhiteSpace(Condition) && Conditions.All(c => c.Value != Condition))
        {
            ShowError(nameof(Condition), "Choose a condition from the list");
        }
        if (!string.IsNullOrWhiteSpace(Gender) && Genders.All(g => g.Value != Gender))
        {
            ShowError(nameof(Gender), "Choose a gender from the list");
        }
        if (!string.IsNullOrWhiteSpace(Day))
        {
            if (Enum.TryParse<DayOfWeek>(Day, out var day))
            {
                query.Day = day;
            }
            else
            {
                ShowError(nameof(Day), "Choose a day");
            }
        }
        if (!string.IsNullOrWhiteSpace(Time))
        {
            if (TimeOnly.TryParse(Time, System.Globalization.CultureInfo.InvariantCulture, out var time))
            {
                query.Time = time;
                if (query.Day is null)
                {
                    ShowError(nameof(Day), "Choose the day as well as the time");
                }
            }
            else
            {
                ShowError(nameof(Time), "Enter a time in the 24-hour clock, like 14:30");
            }
        }
        if (!ModelState.IsValid)
        {
            return;
        }
        try
        {
            Result = await search.SearchAsync(query, ct);
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
        }
    }

    /// <summary>This search's address with another page number.</summary>
    public string PageLink(int page) => QueryHelpers(page);

    private string QueryHelpers(int page)
    {
        var parts = Request.Query.Where(q => q.Key != "p").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
        return "/directory?" + string.Join("&", parts.Append($"p={page}"));
    }
}
