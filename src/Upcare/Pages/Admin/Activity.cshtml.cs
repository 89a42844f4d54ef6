using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.ServiceUse;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>
/// Loads GP and hospital activity from other systems: contacts one row each (GP appointments, A&amp;E attendances,
/// emergency admissions; for the before-and-after figures), and the hospital activity outcomes contracts compare.
/// </summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class ActivityModel(OutcomePayments payments, ServiceUseImport contacts) : UpcarePageModel
{
    [BindProperty] public IFormFile? Csv { get; set; }
    [BindProperty] public IFormFile? ContactsCsv { get; set; }
    [BindProperty] public string? Source { get; set; }

    public (int Loaded, IReadOnlyList<string> Refused)? Result { get; private set; }
    public ServiceUseImportReport? ContactsResult { get; private set; }

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

    public async Task<IActionResult> OnPostContactsAsync(CancellationToken ct)
    {
        var source = Source?.Trim();
        if (string.IsNullOrEmpty(source))
        {
            ShowError(nameof(Source), "Enter the name of the system the file comes from, for example 'practice-system'");
        }
        else if (source.Length > 100)
        {
            ShowError(nameof(Source), "The system's name must be 100 characters or fewer");
        }
        using var reader = UploadedText(ContactsCsv, nameof(ContactsCsv), $"Select a CSV file whose first line is {ServiceUseImport.Header}");
        if (reader is not null && ModelState.IsValid)
        {
            ContactsResult = await contacts.ImportAsync(reader, source!, ct);
        }
        return Page();
    }
}
