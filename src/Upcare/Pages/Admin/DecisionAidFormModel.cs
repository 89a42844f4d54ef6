using Microsoft.AspNetCore.Mvc;
using Upcare.Shared;
using Upcare.Shared.NhsUk;
using Upcare.SharedDecisions;

namespace Upcare.Pages.Admin;

/// <summary>Adding or changing a decision aid: the form, an extra option row without JavaScript, and saving.</summary>
public abstract class DecisionAidFormModel(DecisionAidService aids) : UpcarePageModel
{
    [BindProperty] public DecisionAidForm Input { get; set; } = DecisionAidForm.New();
    [BindProperty] public int? Version { get; set; }

    protected DecisionAidService Aids => aids;
    protected abstract Guid? AidIdToSave { get; }

    public IActionResult OnPostAddOption()
    {
        Input.Options.Add(new OptionForm());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var aid = await aids.SaveAsync(AidIdToSave, Version, Input, ct);
            TempData["Success"] = $"Saved: {aid.Title}";
            return Redirect("/admin/decision-aids");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors, nameof(Input));
        }
        catch (EditConflictException)
        {
            ShowError("", "Someone else changed this decision aid while you were editing it. Your changes are below; open the aid again to see theirs before saving.");
        }
        return Page();
    }
}
