using Microsoft.AspNetCore.Mvc;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.SharedDecisions;

/// <summary>A page about one person's shared decisions: loads the person's name.</summary>
public abstract class DecisionPageModel(PersonService people) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public string PersonName { get; private set; } = "";
    public string GivenName { get; private set; } = "";

    protected async Task<bool> LoadPersonAsync(CancellationToken ct)
    {
        if (await people.GetAsync(Id, ct) is not { } person)
        {
            return false;
        }
        (PersonName, GivenName) = (person.FullName, person.GivenName);
        return true;
    }
}
