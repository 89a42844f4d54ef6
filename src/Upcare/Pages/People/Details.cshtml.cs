using Microsoft.AspNetCore.Mvc;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>A person's page: who they are, what matters to them, their conditions, needs and carers.</summary>
public class PersonDetailsModel(PersonService people, OrganisationService organisations, TimeProvider clock) : UpcarePageModel
{
    public Person? Person { get; private set; }
    public Organisation? Practice { get; private set; }
    public DateOnly Today => UkTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Person = await people.GetAsync(id, ct);
        if (Person is null)
        {
            return NotFound();
        }
        if (Person.GpPracticeId is { } practiceId)
        {
            Practice = await organisations.FindAsync(practiceId, ct);
        }
        return Page();
    }
}
