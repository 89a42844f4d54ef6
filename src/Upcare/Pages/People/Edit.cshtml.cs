using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Microsoft.AspNetCore.Mvc;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.People;

/// <summary>Changes a person's details; a second editor is told when the first has saved in between.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class EditPersonModel(PersonService people, OrganisationService organisations) : PersonFormModel(organisations)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int Version { get; set; }

    public string PersonName { get; private set; } = "";
    public bool Conflict { get; private set; }

    /// <summary>On a conflict: each field where the newly saved version differs from what this editor entered.</summary>
    public IReadOnlyList<(string Label, string Saved, string Mine)> ConflictingFields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await people.GetAsync(Id, ct);
        if (person is null)
        {
            return NotFound();
        }
        Input = PersonDetails.From(person);
        Version = person.Version;
        PersonName = person.FullName;
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var person = await people.UpdateAsync(Id, Version, Input, ct);
            TempData["Success"] = "Details saved";
            return Redirect($"/people/{person.Id}");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            var current = await people.GetAsync(Id, ct);
            PersonName = current?.FullName ?? "";
            await LoadChoicesAsync(ct);
            return Page();
        }
        catch (EditConflictException)
        {
            var current = await people.GetAsync(Id, ct);
            if (current is null)
            {
                return NotFound();
            }
            // Keep what this editor typed, show what the other editor saved, and take the new version so that
            // saving again is a deliberate choice made with both in view: nothing is lost and nothing is overwritten blind.
            ConflictingFields = PersonDetails.Differences(PersonDetails.From(current), Input);
            ModelState.Remove(nameof(Version));
            Version = current.Version;
            PersonName = current.FullName;
            Conflict = true;
            ShowError("", "Someone else changed these details while you were editing. Check the differences below, then save again.");
            await LoadChoicesAsync(ct);
            return Page();
        }
    }
}
