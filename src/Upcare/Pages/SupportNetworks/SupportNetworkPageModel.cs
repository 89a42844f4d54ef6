using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.People;
using Upcare.Shared.NhsUk;
using Upcare.SupportNetworks;

namespace Upcare.Pages.SupportNetworks;

/// <summary>What is typed into "add to the map".</summary>
public sealed class SupportEntryInput
{
    public SupportKind? Kind { get; set; }
    public string? Name { get; set; }
    public string? Detail { get; set; }
    public SupportRing? Ring { get; set; }
    public List<SupportGives> Gives { get; set; } = [];
}

/// <summary>
/// A support network page, the person's own (under /me) or a practitioner's (under the record): the same page and
/// handlers either way, so the person and their link worker build the same map.
/// </summary>
public abstract class SupportNetworkPageModel(PersonService people, CurrentUser user) : UpcarePageModel
{
    /// <summary>The record's id, from the route on a practitioner's page; the signed-in person's own on theirs.</summary>
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    /// <summary>True on the person's own pages.</summary>
    public abstract bool Own { get; }

    public Guid PersonId => Own ? user.PersonId!.Value : Id;
    public SupportNetworkLinks Links => new(PersonId, Own);
    public string PersonName { get; private set; } = "";
    public string GivenName { get; private set; } = "";

    /// <summary>"Your" or "Ann's", for headings.</summary>
    public string Whose => Own ? "Your" : $"{GivenName}'s";

    public SupportNetworkDecision Decision { get; protected set; } = new(false, false, "");

    public static IReadOnlyList<SelectListItem> KindOptions { get; } =
        [new("A person", nameof(SupportKind.Person)), new("A group", nameof(SupportKind.Group)), new("A place", nameof(SupportKind.Place))];

    public static IReadOnlyList<SelectListItem> RingOptions { get; } = Enum.GetValues<SupportRing>()
        .Select(r => new SelectListItem(SupportNetworkService.Describe(r), r.ToString())).ToList();

    public static IEnumerable<(string Value, string Label)> GivesOptions { get; } =
        [.. Enum.GetValues<SupportGives>().Where(g => g != SupportGives.None).Select(g => (g.ToString(), Capitalise(SupportNetworkService.Describe(g))))];

    public static IReadOnlyCollection<string> Chosen(IEnumerable<SupportGives> gives) => gives.Select(g => g.ToString()).ToList();

    /// <summary>Loads the person's name; false when there is no such person.</summary>
    protected async Task<bool> LoadPersonAsync(CancellationToken ct)
    {
        if (await people.GetAsync(PersonId, ct) is not { } person)
        {
            return false;
        }
        (PersonName, GivenName) = (person.FullName, person.GivenName);
        return true;
    }

    /// <summary>A refused look: the page still says why (with the way to record agreement, where there is one), as a 403.</summary>
    protected IActionResult Refused()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
