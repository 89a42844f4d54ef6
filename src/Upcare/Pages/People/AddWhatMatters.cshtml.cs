using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.People;

namespace Upcare.Pages.People;

/// <summary>Records a "What matters to me" statement in the person's own words.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class AddWhatMattersModel(PersonService people) : PersonPartPageModel(people)
{
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public StatementSource Source { get; set; } = StatementSource.Person;

    public static IReadOnlyList<SelectListItem> SourceOptions { get; } =
        [new("The person", nameof(StatementSource.Person)), new("Their carer", nameof(StatementSource.Carer))];

    protected override async Task<string> SaveAsync(CancellationToken ct)
    {
        await People.AddWhatMattersAsync(Id, Text, Source, ct);
        return "What matters has been saved";
    }
}
