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
}
