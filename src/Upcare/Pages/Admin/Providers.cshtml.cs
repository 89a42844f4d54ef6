using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Choice;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>Providers people can choose, with their waits and ratings: imported from CSV and kept up to date here.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class ProvidersModel(ChoiceService choice) : UpcarePageModel
{
    public IReadOnlyList<ChoiceProvider> Providers { get; private set; } = [];
    public ProviderImport? Imported { get; private set; }

    [BindProperty] public IFormFile? Csv { get; set; }
    [BindProperty] public string? WaitingWeeks { get; set; }
    [BindProperty] public string? Rating { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Providers = await choice.ProvidersAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        using (var reader = UploadedText(Csv, nameof(Csv), "Select a CSV file of providers"))
        {
            if (reader is not null)
            {
                Imported = await choice.ImportCsvAsync(reader, ct);
            }
        }
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid providerId, CancellationToken ct)
    {
        try
        {
            await choice.UpdateAsync(providerId, WaitingWeeks, Rating, ct);
            TempData["Success"] = "Provider updated";
            return Redirect("/admin/providers");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            await OnGetAsync(ct);
            return Page();
        }
    }
}
