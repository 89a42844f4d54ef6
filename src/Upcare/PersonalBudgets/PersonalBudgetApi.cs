using Upcare.Access;
using Upcare.Shared;

namespace Upcare.PersonalBudgets;

/// <summary>Body of a payment: the funding stream (optional when there is one), where it goes, and the amount in pounds.</summary>
public sealed record PaymentRequest(Guid? StreamId, HeldAs? To, string? Amount);

/// <summary>A payment as made (or as already made, for a repeated key).</summary>
public sealed record PaymentMade(Guid EntryId, long AmountPence, string Description);

/// <summary>A budget's figures for another system: every amount in pence, derived from the ledger.</summary>
public sealed record BudgetFigures(Guid BudgetId, long AllocatedPence, long SpentPence, long LeftPence, long InDirectPaymentAccountPence, IReadOnlyList<StreamFigures> Streams);

/// <summary>One funding stream's figures.</summary>
public sealed record StreamFigures(Guid StreamId, string Funder, string FunderName, long AllocatedPence, long PaidOutPence, long SpentPence, long LeftPence);

/// <summary>
/// Personal budgets for other systems (a payments platform), as JSON, with the same rules and audit as the pages. A
/// payment needs an <c>Idempotency-Key</c> header: the same key pays once, however often it is sent.
/// </summary>
public static class PersonalBudgetApi
{
    public static IEndpointRouteBuilder MapPersonalBudgetApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/people/{id:guid}/budget", async (Guid id, PersonalBudgetService budgets, CancellationToken ct) =>
        {
            if (await budgets.GetAsync(id, ct) is not { } budget)
            {
                return Results.Problem("This person has no personal budget", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            }
            var view = await budgets.ViewAsync(budget, ct);
            return Results.Ok(new BudgetFigures(budget.Id, view.Allocated, view.Spent, view.Left, view.InDirectPaymentAccount,
                view.Streams.Select(s => new StreamFigures(s.Stream.Id, s.Stream.Funder.ToString(), s.Stream.FunderName, s.Allocated, s.PaidOut, s.Spent, s.Left)).ToList()));
        }).RequireAuthorization(AccessPolicies.ReadPersonRecord).WithTags("Personal budgets");

        app.MapPost("/api/people/{id:guid}/budget/payments", async (Guid id, PaymentRequest body, HttpRequest request, PersonalBudgetService budgets, CancellationToken ct) =>
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            if (string.IsNullOrWhiteSpace(key))
            {
                return Results.Problem("Send an Idempotency-Key header with each payment, the same one when you retry it", statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key missing");
            }
            try
            {
                var entry = await budgets.PayAsync(id, body.StreamId, body.To, body.Amount, key, ct);
                return Results.Ok(new PaymentMade(entry.Id, entry.AmountPence, entry.Description));
            }
            catch (ValidationFailedException e)
            {
                return Results.ValidationProblem(e.Errors.GroupBy(f => f.Field.Length == 0 ? "amount" : f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
                    detail: e.Errors[0].Message, statusCode: StatusCodes.Status422UnprocessableEntity);
            }
            catch (UnauthorizedAccessException ex)
            {
                RequestRefusal.Note(request.HttpContext, ex.Message);
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
            }
            catch (KeyNotFoundException)
            {
                return Results.Problem("This person has no personal budget", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            }
        }).RequireAuthorization(AccessPolicies.ChangePersonRecord).WithTags("Personal budgets");
        return app;
    }
}
