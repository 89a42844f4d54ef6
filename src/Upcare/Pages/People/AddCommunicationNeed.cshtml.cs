using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.People;

namespace Upcare.Pages.People;

/// <summary>Adds a communication need under the Accessible Information Standard.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class AddCommunicationNeedModel(PersonService people) : PersonPartPageModel(people)
{
    [BindProperty] public CommunicationNeedCategory? Category { get; set; }
    [BindProperty] public string? Description { get; set; }

    public static IReadOnlyList<SelectListItem> Categories { get; } = Enum.GetValues<CommunicationNeedCategory>()
        .Select(c => new SelectListItem(char.ToUpperInvariant(PersonLabels.NeedLabel(c)[0]) + PersonLabels.NeedLabel(c)[1..], c.ToString()))
        .ToList();

    protected override async Task<string> SaveAsync(CancellationToken ct)
    {
        await People.AddCommunicationNeedAsync(Id, Category, Description, ct);
        return "Communication need has been saved";
    }
}
