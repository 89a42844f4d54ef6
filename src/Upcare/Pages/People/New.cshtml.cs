using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Microsoft.AspNetCore.Mvc;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.People;

/// <summary>Adds a person to the service.</summary>
[Authorize(Policy = AccessPolicies.FindPeople)]
public class NewPersonModel(PersonService people, PersonAccess access, OrganisationService organisations) : PersonFormModel(organisations)
{
    /// <summary>Set once the user has seen the similar records and says this is someone else.</summary>
    [BindProperty] public bool DifferentPerson { get; set; }

    public IReadOnlyList<PersonSummary> Similar { get; private set; } = [];
    public int SimilarElsewhere { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.PreferredContactMethod = ContactMethod.Letter;
        Input.Town = "Newcastle upon Tyne";
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!DifferentPerson)
        {
            // Offer a record that may be the same person before making a second one.
            (Similar, SimilarElsewhere) = await people.SimilarAsync(Input, ct);
            if (Similar.Count + SimilarElsewhere > 0)
            {
                DifferentPerson = true;
                await LoadChoicesAsync(ct);
                return Page();
            }
        }
        try
        {
            var person = await people.CreateAsync(Input, ct);
            if ((await access.DecideAsync(person.Id, AccessPurpose.Read, ct)).Allowed)
            {
                TempData["Success"] = $"{person.FullName} has been added";
                return Redirect($"/people/{person.Id}");
            }
            // Registered at another practice: added, but this clinician has no relationship with them.
            TempData["Success"] = $"{person.FullName} has been added. They are registered at another practice, so their record is not shown to you";
            return Redirect("/people");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
            await LoadChoicesAsync(ct);
            return Page();
        }
    }
}
