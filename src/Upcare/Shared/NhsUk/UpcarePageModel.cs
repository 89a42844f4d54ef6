using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Upcare.Shared.NhsUk;

/// <summary>A page model that shows field errors in the NHS.UK pattern, in the order the fields appear.</summary>
public abstract class UpcarePageModel : PageModel
{
    private readonly List<string> _errorOrder = [];

    /// <summary>ModelState keys in the order their errors were added, so the error summary follows the page.</summary>
    public IReadOnlyList<string> ErrorOrder => _errorOrder;

    /// <summary>Adds errors from a feature service, keyed under <paramref name="prefix"/> (e.g. "Input").</summary>
    public void ShowErrors(IEnumerable<FieldError> errors, string? prefix = null)
    {
        foreach (var error in errors)
        {
            ShowError(prefix is null ? error.Field : $"{prefix}.{error.Field}", error.Message);
        }
    }

    public void ShowError(string key, string message)
    {
        ModelState.AddModelError(key, message);
        if (!_errorOrder.Contains(key))
        {
            _errorOrder.Add(key);
        }
    }

    /// <summary>
    /// Runs a change and goes to <paramref name="back"/> with the message it returns. A refusal shows on this page (after
    /// <paramref name="reload"/>) with nothing changed; a missing record is 404 and a refused user 403.
    /// </summary>
    /// <remarks><paramref name="field"/> names this page's field for a field the service named, where they differ.</remarks>
    protected async Task<IActionResult> ChangeThenRedirectAsync(Func<Task<string>> change, string back, Func<Task> reload, string? prefix = null, Func<string, string>? field = null)
    {
        try
        {
            TempData["Success"] = await change();
            return Redirect(back);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (UnauthorizedAccessException)
        {
            return Forbid();
        }
        catch (ValidationFailedException e)
        {
            ShowErrors(field is null ? e.Errors : e.Errors.Select(f => f with { Field = field(f.Field) }), prefix);
            await reload();
            return Page();
        }
    }

    /// <summary>
    /// Shows a change's outcome: done goes to <paramref name="back"/> with its message; invalid and conflict show on this
    /// page (after <paramref name="reload"/>, so a conflict shows what is stored now) with nothing changed; not found is
    /// the 404 page and refused the 403 page.
    /// </summary>
    protected async Task<IActionResult> ShowAsync(Result result, string back, Func<Task> reload, string? prefix = null)
    {
        switch (result.Kind)
        {
            case ResultKind.Ok:
                TempData["Success"] = result.Message;
                return Redirect(back);
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Refused:
                return StatusCode(StatusCodes.Status403Forbidden);
            case ResultKind.Invalid:
                ShowErrors(result.Errors, prefix);
                await reload();
                return Page();
            default:
                ShowError("", result.Message);
                await reload();
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }

    /// <summary>An uploaded file to read as text, or null (with <paramref name="message"/> shown beside the field) when none was chosen.</summary>
    protected StreamReader? UploadedText(IFormFile? file, string field, string message)
    {
        if (file is null || file.Length == 0)
        {
            ShowError(field, message);
            return null;
        }
        return new StreamReader(file.OpenReadStream());
    }
}
