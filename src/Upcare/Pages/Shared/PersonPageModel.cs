using Microsoft.AspNetCore.Mvc;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Shared;

/// <summary>A page about one part of a person's record (route value <c>id</c>): loads who the person is for the heading.</summary>
public abstract class PersonPageModel(PersonService people) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public string PersonName { get; private set; } = "";
    public string GivenName { get; private set; } = "";
    public string NhsNumber { get; private set; } = "";

    /// <summary>Loads the person; false when there is no such person.</summary>
    protected async Task<bool> LoadPersonAsync(CancellationToken ct)
    {
        if (await people.GetAsync(Id, ct) is not { } person)
        {
            return false;
        }
        (PersonName, GivenName, NhsNumber) = (person.FullName, person.GivenName, person.NhsNumber);
        return true;
    }
}
