using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>Loads the postcode-to-IMD-decile lookup the commissioners' equity splits use.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class ImdModel(ImdLookup lookup) : UpcarePageModel
{
    [BindProperty] public IFormFile? Csv { get; set; }
    public ImdLoad? Loaded { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        using var reader = UploadedText(Csv, nameof(Csv), "Select a CSV file with the columns postcode and imd_decile");
        if (reader is not null)
        {
            Loaded = await lookup.LoadCsvAsync(reader, ct);
        }
        return Page();
    }
}
