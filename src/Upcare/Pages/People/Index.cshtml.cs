using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Microsoft.AspNetCore.Mvc;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>Search for people by NHS number, name and date of birth.</summary>
[Authorize(Policy = AccessPolicies.FindPeople)]
public class SearchModel(PersonService people, OrganisationService organisations) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public string? NhsNumber { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts DateOfBirth { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "search")] public string? Submitted { get; set; }

    public PersonSearchResult? Result { get; private set; }
    private Dictionary<Guid, string> _practices = [];

    public string PracticeName(Guid? id) => id is { } g && _practices.TryGetValue(g, out var name) ? name : "Not registered";

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Submitted is null)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(NhsNumber) && string.IsNullOrWhiteSpace(Name) && DateOfBirth.IsEmpty)
        {
            ShowError(nameof(NhsNumber), "Enter an NHS number, a name or a date of birth");
            return;
        }
        if (!string.IsNullOrWhiteSpace(NhsNumber) && Upcare.People.NhsNumber.Normalise(NhsNumber) is null)
        {
            ShowError(nameof(NhsNumber), "NHS number must be 10 digits");
        }
        if (Name is { Length: > PersonLimits.Name * 2 })
        {
            ShowError(nameof(Name), $"Name must be {PersonLimits.Name * 2} characters or fewer");
        }
        DateOnly? dob = null;
        if (!DateOfBirth.IsEmpty)
        {
            if (DateOfBirth.TryParse("Date of birth", out var d, out var error))
            {
                dob = d;
            }
            else
            {
                ShowError(nameof(DateOfBirth), error!);
            }
        }
        if (!ModelState.IsValid)
        {
            return;
        }
        Result = await people.SearchAsync(new PersonSearch(NhsNumber, Name, dob), ct);
        _practices = (await organisations.GpPracticesAsync(ct)).ToDictionary(o => o.Id, o => o.Name);
    }
}
