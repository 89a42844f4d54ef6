using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.People;
using Upcare.ServiceDirectory;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SocialPrescribing;

namespace Upcare.Pages.People;

/// <summary>The link worker searches the directory from the person's needs and postcode, and picks a service to refer them to.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class FindCommunitySupportModel(SocialPrescribingService service, DirectorySearch directory, PersonService people, TimeProvider clock) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid ReferralId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true)] public string? Within { get; set; }
    [BindProperty(SupportsGet = true)] public bool NearHome { get; set; } = true;

    public Person Person { get; private set; } = default!;
    public IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Needs { get; private set; } = [];
    public DirectoryPage? Result { get; private set; }
    public string? PostcodeProblem { get; private set; }
    public int Age { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await people.GetAsync(Id, ct) is not { } person || await service.GetAsync(Id, ReferralId, ct) is not { } referral)
        {
            return NotFound();
        }
        Person = person;
        Age = person.AgeOn(UkTime.Today(clock));
        Needs = (await directory.NeedsAsync(ct)).Select(t => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(t.Name, t.Code)).ToList();
        Need ??= referral.Needs.FirstOrDefault()?.Code;
        var miles = double.TryParse(Within, System.Globalization.CultureInfo.InvariantCulture, out var m) && m is > 0 and <= 50 ? m : 3;
        Within = miles.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var query = new DirectoryQuery { Need = Need, Text = Text, Postcode = NearHome ? person.Postcode : null, WithinKm = miles * Pages.Directory.DirectorySearchModel.KmPerMile, Age = Age };
        try
        {
            Result = await directory.SearchAsync(query, ct);
        }
        catch (ValidationFailedException e)
        {
            // The person's postcode is not in the lookup: search the whole directory instead, and say so.
            PostcodeProblem = e.Errors[0].Message;
            query.Postcode = null;
            Result = await directory.SearchAsync(query, ct);
        }
        return Page();
    }
}
