using Microsoft.AspNetCore.Mvc;
using Upcare.CarePlans;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.CarePlans;

/// <summary>A page about one person's care and support plan: loads the person's name and the plan.</summary>
public abstract class CarePlanPageModel(PersonService people, CarePlanService plans) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public string PersonName { get; private set; } = "";
    public string GivenName { get; private set; } = "";
    public string NhsNumber { get; private set; } = "";
    public CarePlan? Plan { get; private set; }

    protected CarePlanService Plans => plans;

    /// <summary>Loads the person (false when there is no such person) and their plan, if started.</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        var person = await people.GetAsync(Id, ct);
        if (person is null)
        {
            return false;
        }
        (PersonName, GivenName, NhsNumber) = (person.FullName, person.GivenName, person.NhsNumber);
        Plan = await plans.GetAsync(Id, ct);
        return true;
    }
}
