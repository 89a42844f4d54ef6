using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>Loads secondary-care activity (admissions, A&amp;E attendances, bed days) for outcomes contracts.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class ActivityModel(OutcomePayments payments) : UpcarePageModel
{
    [BindProperty] public IFormFile? Csv { get; set; }
    public (int Loaded, IReadOnlyList<string> Refused)? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        using var reader = UploadedText(Csv, nameof(Csv), "Select a CSV file with the columns nhs_number, date, kind and count");
        if (reader is not null)
        {
            Result = await payments.ImportActivityCsvAsync(reader, ct);
        }
        return Page();
    }
}
