using Upcare.Access;
using Upcare.People;

namespace Upcare.CarePlans;

/// <summary>A person's care and support plan for other systems, as FHIR R4 (CarePlan and Goal in a Bundle).</summary>
public static class CarePlanApi
{
    public static IEndpointRouteBuilder MapCarePlanApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/people/{id:guid}/care-plan/fhir", async (Guid id, CarePlanService plans, PersonService people, CancellationToken ct) =>
            await plans.GetAsync(id, ct) is { } plan && await people.GetAsync(id, ct) is { } person
                ? Results.Text(CarePlanFhir.ToJson(plan, person.NhsNumber), "application/fhir+json")
                : Results.Problem("This person has no care and support plan", statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .RequireAuthorization(AccessPolicies.ReadPersonRecord).WithTags("Care and support plans");
        return app;
    }
}
