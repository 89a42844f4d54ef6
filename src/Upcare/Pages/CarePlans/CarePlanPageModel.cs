using Upcare.CarePlans;
using Upcare.Pages.Shared;
using Upcare.People;

namespace Upcare.Pages.CarePlans;

/// <summary>A page about one person's care and support plan: loads the person and the plan.</summary>
public abstract class CarePlanPageModel(PersonService people, CarePlanService plans) : PersonPageModel(people)
{
    public CarePlan? Plan { get; private set; }

    protected CarePlanService Plans => plans;

    /// <summary>Loads the person (false when there is no such person) and their plan, if started.</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return false;
        }
        Plan = await plans.GetAsync(Id, ct);
        return true;
    }
}
