using Microsoft.AspNetCore.Http;

namespace Upcare.Shared;

/// <summary>A <see cref="Result"/> as the JSON API answers it: the success the caller gives, or problem details.</summary>
public static class ResultProblems
{
    public static IResult ToHttp(this Result result, Func<IResult> ok) => result.Kind switch
    {
        ResultKind.Ok => ok(),
        ResultKind.NotFound => Results.Problem(result.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        ResultKind.Refused => Results.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
        ResultKind.Invalid => Results.ValidationProblem(
            result.Errors.GroupBy(e => e.Field.Length == 0 ? "request" : e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The change was refused", statusCode: StatusCodes.Status422UnprocessableEntity),
        _ => Results.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else"),
    };
}
