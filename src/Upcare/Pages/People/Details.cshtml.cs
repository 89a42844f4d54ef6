using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Organisations;
using Upcare.Pages.Shared;
using Upcare.People;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>A person's page: who they are, what matters to them, their conditions, needs and carers.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class PersonDetailsModel(PersonService people, OrganisationService organisations, Upcare.SocialPrescribing.SocialPrescribingService socialPrescribing,
    Upcare.CarePlans.CarePlanService carePlans, TimeProvider clock) : UpcarePageModel
{
    /// <summary>The person's care and support plan, if started.</summary>
    public Upcare.CarePlans.CarePlan? CarePlan { get; private set; }

    public DateOnly Today => UkTime.Today(clock);

    public Person? Person { get; private set; }
    public PersonRecordView Record { get; private set; } = default!;

    /// <summary>The person's social prescribing referrals, newest first.</summary>
    public IReadOnlyList<Upcare.SocialPrescribing.SocialPrescribingReferral> SocialPrescribing { get; private set; } = [];

    /// <summary>The reason given, when the record is open by break glass.</summary>
    public string? BreakGlass { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Person = await people.GetAsync(id, ct);
        if (Person is null)
        {
            return NotFound();
        }
        var practice = Person.GpPracticeId is { } practiceId ? await organisations.FindAsync(practiceId, ct) : null;
        Record = new PersonRecordView(Person, practice, UkTime.Today(clock), CanChange: true);
        SocialPrescribing = await socialPrescribing.ForPersonAsync(id, ct);
        CarePlan = await carePlans.GetAsync(id, ct);
        if (HttpContext.Items[PersonRecordHandler.ItemKey] is PersonRecordCheck { Decision.BreakGlass: true } check)
        {
            BreakGlass = check.Decision.Reason["Break glass: ".Length..];
        }
        return Page();
    }
}
