using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.ServiceDirectory;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>An administrator loads a directory from an ORUK file or another directory's ORUK API and sees what happened to each item.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class DirectoryImportModel(OrukImporter importer, IHttpClientFactory httpClients) : UpcarePageModel
{
    /// <summary>Files larger than this are refused before reading.</summary>
    public const long MaxFileBytes = 50 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? BaseAddress { get; set; }

    public ImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null && string.IsNullOrWhiteSpace(BaseAddress))
        {
            ShowError(nameof(Upload), "Choose an Open Referral UK JSON file, or enter the address of another directory's API");
            return Page();
        }
        if (Upload is { Length: > MaxFileBytes })
        {
            ShowError(nameof(Upload), "The file must be smaller than 50 MB");
            return Page();
        }
        if (Upload is not null)
        {
            using var reader = new StreamReader(Upload.OpenReadStream());
            Report = await importer.ImportJsonAsync(await reader.ReadToEndAsync(ct), ct);
            return Page();
        }
        if (!Uri.TryCreate(BaseAddress, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            ShowError(nameof(BaseAddress), "Enter a web address starting https://, like https://directory.example/oruk");
            return Page();
        }
        try
        {
            using var http = httpClients.CreateClient(ImportHttp.ClientName);
            Report = await importer.ImportFromApiAsync(http, uri.ToString(), ct);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException or KeyNotFoundException or InvalidOperationException)
        {
            // The same words whatever failed (refused address, closed port, not JSON), so the page cannot map a network.
            ShowError(nameof(BaseAddress), ImportHttp.CouldNotRead + ". Check it is a public https address of an Open Referral UK API, like https://directory.example/oruk");
        }
        return Page();
    }
}
