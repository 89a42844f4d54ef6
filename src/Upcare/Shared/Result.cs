namespace Upcare.Shared;

/// <summary>How a change came out: done, or one of the outcomes a user can expect and be told about.</summary>
public enum ResultKind
{
    Ok,
    NotFound,
    Refused,
    Invalid,
    Conflict,
}

/// <summary>
/// The outcome of a change, returned rather than thrown: the message to show when done, the reason when refused, the
/// field errors when invalid, or what changed under the user when in conflict. Each edge maps it once.
/// </summary>
public sealed record Result(ResultKind Kind, string Message, IReadOnlyList<FieldError> Errors)
{
    public bool IsOk => Kind == ResultKind.Ok;

    public static Result Ok(string message) => new(ResultKind.Ok, message, []);
    public static Result NotFound(string message) => new(ResultKind.NotFound, message, []);
    public static Result Refused(string reason) => new(ResultKind.Refused, reason, []);
    public static Result Invalid(IReadOnlyList<FieldError> errors) => new(ResultKind.Invalid, "Check what you entered", errors);
    public static Result Conflict(string message) => new(ResultKind.Conflict, message, []);
}
