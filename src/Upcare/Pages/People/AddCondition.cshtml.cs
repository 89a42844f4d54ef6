using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Pages.People;

/// <summary>Adds a SNOMED CT coded long-term condition, from the common list or by concept ID.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class AddConditionModel(PersonService people) : PersonPartPageModel(people)
{
    [BindProperty] public string? SnomedCode { get; set; }
    [BindProperty] public string? OtherCode { get; set; }
    [BindProperty] public string? Term { get; set; }
    [BindProperty] public DateParts DiagnosedOn { get; set; } = new();

    public static IReadOnlyList<SelectListItem> Conditions { get; } =
        ConditionCatalogue.All.OrderBy(c => c.Term).Select(c => new SelectListItem(c.Term, c.SnomedCode)).ToList();

    protected override async Task<string> SaveAsync(CancellationToken ct)
    {
        var useOther = string.IsNullOrWhiteSpace(SnomedCode);
        try
        {
            var condition = await People.AddConditionAsync(Id, useOther ? OtherCode : SnomedCode, Term, DiagnosedOn, ct);
            return $"{condition.Term} has been added";
        }
        catch (ValidationFailedException e) when (useOther)
        {
            // Point a code problem at the box the code was typed in; with nothing chosen or typed, at the list.
            var nothingEntered = string.IsNullOrWhiteSpace(OtherCode) && string.IsNullOrWhiteSpace(Term);
            throw new ValidationFailedException(e.Errors.Select(err => err.Field == "SnomedCode"
                ? nothingEntered ? err with { Message = "Choose a condition, or enter a SNOMED CT concept ID" } : err with { Field = nameof(OtherCode) }
                : err).Where(err => !(nothingEntered && err.Field == "Term")).ToList());
        }
    }
}
