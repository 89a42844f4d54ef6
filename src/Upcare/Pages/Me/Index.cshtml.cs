using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Organisations;
using Upcare.Pages.Shared;
using Upcare.People;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>A person's own record, and the records others have shared with them as their carer.</summary>
[Authorize(Policy = AccessPolicies.OwnOrSharedRecord)]
public class MyRecordModel(PersonService people, OrganisationService organisations, CarerService carers, Upcare.Outcomes.OutcomeService outcomes, CurrentUser user, TimeProvider clock) : UpcarePageModel
{
    public PersonRecordView Record { get; private set; } = default!;
    public IReadOnlyList<SharedWithMe> CaresFor { get; private set; } = [];

    /// <summary>Questionnaires a practitioner has asked for and the person has not answered: the reminder on their home page.</summary>
    public int QuestionnairesDue { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Record = await LoadAsync(people, organisations, user.PersonId!.Value, clock, ct) is { } record ? record : throw new KeyNotFoundException();
        CaresFor = await carers.SharedWithMeAsync(user.Id!.Value, ct);
        QuestionnairesDue = (await outcomes.DueAsync(user.PersonId!.Value, ct)).Count;
        return Page();
    }

    /// <summary>A person's record as they (or their carer) see it: no staff actions.</summary>
    public static async Task<PersonRecordView?> LoadAsync(PersonService people, OrganisationService organisations, Guid personId, TimeProvider clock, CancellationToken ct)
    {
        var person = await people.GetAsync(personId, ct);
        if (person is null)
        {
            return null;
        }
        var practice = person.GpPracticeId is { } practiceId ? await organisations.FindAsync(practiceId, ct) : null;
        return new PersonRecordView(person, practice, UkTime.Today(clock), CanChange: false);
    }
}
