using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Organisations;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>What the add and edit pages for a person's details share: the fields and their choices.</summary>
public abstract class PersonFormModel(OrganisationService organisations) : UpcarePageModel
{
    [BindProperty] public PersonDetails Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Practices { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> SexOptions { get; } =
    [
        new("Female", nameof(Sex.Female)), new("Male", nameof(Sex.Male)),
        new("Indeterminate", nameof(Sex.Indeterminate)), new("Not known", nameof(Sex.NotKnown)),
    ];

    public static IReadOnlyList<SelectListItem> EthnicOptions { get; } =
        EthnicCategories.All.Select(e => new SelectListItem(e.Label, e.Category.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> ContactOptions { get; } =
    [
        new("Letter", nameof(ContactMethod.Letter)), new("Phone call", nameof(ContactMethod.Phone)),
        new("Text message", nameof(ContactMethod.TextMessage)), new("Email", nameof(ContactMethod.Email)),
    ];

    protected async Task LoadChoicesAsync(CancellationToken ct) =>
        Practices = (await organisations.GpPracticesAsync(ct)).Select(p => new SelectListItem($"{p.Name} ({p.Code})", p.Id.ToString())).ToList();
}
