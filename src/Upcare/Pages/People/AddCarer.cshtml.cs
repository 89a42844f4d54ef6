using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Microsoft.AspNetCore.Mvc;
using Upcare.People;

namespace Upcare.Pages.People;

/// <summary>Adds a carer or next of kin.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class AddCarerModel(PersonService people) : PersonPartPageModel(people)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public bool IsCarer { get; set; }
    [BindProperty] public bool IsNextOfKin { get; set; }

    protected override async Task<string> SaveAsync(CancellationToken ct)
    {
        var contact = await People.AddContactAsync(Id, Name, Relationship, Phone, IsCarer, IsNextOfKin, ct);
        return $"{contact.Name} has been added";
    }
}
