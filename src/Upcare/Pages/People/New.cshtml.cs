using Microsoft.AspNetCore.Mvc;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.People;

/// <summary>Adds a person to the service.</summary>
public class NewPersonModel(PersonService people, OrganisationService organisations) : PersonFormModel(organisations)
{
    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.PreferredContactMethod = ContactMethod.Letter;
        Input.Town = "Newcastle upon Tyne";
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var person = await people.CreateAsync(Input, ct);
            TempData["Success"] = $"{person.FullName} has been added";
            return Redirect($"/people/{person.Id}");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            await LoadChoicesAsync(ct);
            return Page();
        }
    }
}
