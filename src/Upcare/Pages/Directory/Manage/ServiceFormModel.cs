using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.ServiceDirectory;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Directory.Manage;

/// <summary>The fields of a service, shared by adding and changing one.</summary>
public abstract class ServiceFormModel(DirectoryEditing editing, DirectorySearch search) : UpcarePageModel
{
    [BindProperty] public ServiceDetails Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public IReadOnlyList<TaxonomyTerm> NeedChoices { get; private set; } = [];
    public bool Conflict { get; private set; }

    public static readonly IReadOnlyList<SelectListItem> AvailabilityItems =
    [
        new("Taking people on", nameof(ServiceAvailability.TakingReferrals)),
        new("Full: not taking anyone new", nameof(ServiceAvailability.Full)),
        new("Paused", nameof(ServiceAvailability.Paused)),
    ];

    protected DirectoryEditing Editing => editing;

    protected async Task LoadChoicesAsync(CancellationToken ct) => NeedChoices = await search.NeedsAsync(ct);

    /// <summary>Saves, then back to the list; errors and a second editor's save are shown on the form, which keeps what was typed.</summary>
    protected async Task<IActionResult> SaveAsync(Guid? id, CancellationToken ct)
    {
        try
        {
            var service = await editing.SaveAsync(id, Version, Input, ct);
            TempData["Success"] = $"{service.Name} saved. It shows in the directory straight away";
            return Redirect("/directory/manage");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
        }
        catch (EditConflictException)
        {
            Conflict = true;
            if (id is { } existing && await editing.OwnServiceAsync(existing, ct) is { } current)
            {
                ModelState.Remove(nameof(Version));
                Version = current.Version;
            }
            ShowError("", "Someone else in your organisation changed this service while you were editing. Your changes are below: check the service's page, then save again to keep yours.");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
