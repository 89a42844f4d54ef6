using Microsoft.AspNetCore.Mvc;
using Upcare.People;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.People;

/// <summary>A page that adds one part to a person's record (a statement, a condition, a carer, a need).</summary>
public abstract class PersonPartPageModel(PersonService people) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public string PersonName { get; private set; } = "";
    public string GivenName { get; private set; } = "";

    protected PersonService People => people;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadPersonAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var message = await SaveAsync(ct);
            TempData["Success"] = message;
            return Redirect($"/people/{Id}");
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            return Page();
        }
    }

    /// <summary>Saves the part through <see cref="PersonService"/> and returns the confirmation to show.</summary>
    protected abstract Task<string> SaveAsync(CancellationToken ct);

    private async Task<bool> LoadPersonAsync(CancellationToken ct)
    {
        var person = await people.GetAsync(Id, ct);
        if (person is null)
        {
            return false;
        }
        PersonName = person.FullName;
        GivenName = person.GivenName;
        return true;
    }
}
