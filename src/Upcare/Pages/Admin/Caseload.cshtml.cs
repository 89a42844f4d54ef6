using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>One member of staff's caseload: add a person by NHS number, or take them off.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class CaseloadModel(CaseloadService caseloads, AccountService accounts) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }

    public UpcareUser? Staff { get; private set; }
    public IReadOnlyList<CaseloadEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var person = await caseloads.AssignAsync(UserId, NhsNumber, ct);
            TempData["Success"] = $"{person.FullName} added to the caseload";
            return Redirect($"/admin/caseloads/{UserId}");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(e.Errors);
            return await LoadAsync(ct) ? Page() : NotFound();
        }
    }

    public async Task<IActionResult> OnPostEndAsync(Guid assignmentId, CancellationToken ct)
    {
        try
        {
            await caseloads.EndAsync(UserId, assignmentId, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Taken off the caseload";
        return Redirect($"/admin/caseloads/{UserId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Staff = await accounts.FindAsync(UserId, ct);
        if (Staff is null || !UserRoles.HoldsCaseload(Staff.Role))
        {
            return false;
        }
        Entries = await caseloads.ListAsync(UserId, ct);
        return true;
    }
}
