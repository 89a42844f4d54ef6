namespace Upcare.Shared;

/// <summary>A problem with one field of what someone entered, in words to show beside the field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Collects field errors in the order the fields appear on the page.</summary>
public sealed class Validation
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;
    public bool IsValid => _errors.Count == 0;

    /// <summary>Throws the collected errors, if any, so nothing is stored.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationFailedException(_errors);
        }
    }

    public void Add(string field, string message)
    {
        // One message per field: the first problem found is the one to fix.
        if (!_errors.Any(e => e.Field == field))
        {
            _errors.Add(new FieldError(field, message));
        }
    }

    public string? Required(string field, string? value, string message, int maxLength, string label)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            Add(field, message);
            return null;
        }
        return MaxLength(field, trimmed, maxLength, label);
    }

    public string? Optional(string field, string? value, int maxLength, string label)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : MaxLength(field, trimmed, maxLength, label);
    }

    private string? MaxLength(string field, string value, int maxLength, string label)
    {
        if (value.Length > maxLength)
        {
            Add(field, $"{label} must be {maxLength} characters or fewer");
        }
        return value;
    }
}

/// <summary>Thrown when a rule refuses a change; carries the field errors to show.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors) : Exception("The input is not valid.")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>Thrown when someone else changed a record after the editor loaded it.</summary>
public sealed class EditConflictException() : Exception("The record was changed by someone else.");
