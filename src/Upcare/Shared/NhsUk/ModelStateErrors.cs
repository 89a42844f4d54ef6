using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Upcare.Shared.NhsUk;

/// <summary>The one error a field shows beside it (the first found), for views that build their own NHS.UK field markup.</summary>
public static class ModelStateErrors
{
    /// <remarks>A binding failure with no message of its own (a value that is not a number) still gets words.</remarks>
    public static string? FirstError(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? entry.Errors[0].ErrorMessage is { Length: > 0 } m ? m : "Enter a valid value"
            : null;
}
