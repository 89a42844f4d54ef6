using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Upcare.Fhir;

namespace Upcare.CarePlans;

/// <summary>Care and support plans on the FHIR API (UK Core CarePlan), for whoever may see the person's record.</summary>
public sealed class CarePlanResourceFhir : PersonScopedFhir<CarePlan>
{
    public override string Type => "CarePlan";
    protected override string? Profile => CarePlanFhir.UkCoreCarePlan;

    protected override IQueryable<CarePlan> Rows(FhirRequest request) =>
        request.Db.CarePlans.AsNoTracking().Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery();

    protected override Expression<Func<CarePlan, Guid>> PersonIdOf(FhirRequest request) => p => p.PersonId;
    protected override IQueryable<CarePlan> WithId(IQueryable<CarePlan> rows, Guid id) => rows.Where(p => p.Id == id);
    protected override IQueryable<CarePlan> InOrder(IQueryable<CarePlan> rows) => rows.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id);
    protected override Guid? PersonOf(CarePlan row) => row.PersonId;

    protected override IReadOnlyList<FhirSearchParameter<CarePlan>> Parameters =>
    [
        ForPatient("subject", (rows, id) => rows.Where(p => p.PersonId == id)),
        ForPatient("patient", (rows, id) => rows.Where(p => p.PersonId == id)),
        new("status", SearchParamType.Token, "active (agreed with the person) or draft", (rows, v) => v switch
        {
            "active" => rows.Where(p => p.Status == CarePlanStatus.Agreed),
            "draft" => rows.Where(p => p.Status == CarePlanStatus.Draft),
            _ => throw FhirException.BadRequest($"status must be active or draft, not '{v}'"),
        }),
    ];

    protected override async Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<CarePlan> rows, FhirRequest request, CancellationToken ct)
    {
        var numbers = await NhsNumbersAsync(rows.Select(r => r.PersonId), request, ct);
        return [.. rows.Select(r => (Resource)CarePlanFhir.ToCarePlan(r, numbers.GetValueOrDefault(r.PersonId, ""), onServer: true))];
    }
}

/// <summary>A goal with the plan it belongs to (whose person it is about), as the Goal type reads it.</summary>
public sealed class PlanGoal
{
    public required CarePlanGoal Goal { get; init; }
    public required CarePlan Plan { get; init; }
}

/// <summary>The goals of care and support plans on the FHIR API (base R4 Goal: there is no UK Core Goal), in the person's words.</summary>
public sealed class GoalFhir : PersonScopedFhir<PlanGoal>
{
    public override string Type => "Goal";

    protected override IQueryable<PlanGoal> Rows(FhirRequest request) =>
        request.Db.Set<CarePlanGoal>().AsNoTracking().Join(request.Db.CarePlans.AsNoTracking(), g => g.PlanId, p => p.Id, (g, p) => new PlanGoal { Goal = g, Plan = p });

    protected override Expression<Func<PlanGoal, Guid>> PersonIdOf(FhirRequest request) => x => x.Plan.PersonId;
    protected override IQueryable<PlanGoal> WithId(IQueryable<PlanGoal> rows, Guid id) => rows.Where(x => x.Goal.Id == id);
    protected override IQueryable<PlanGoal> InOrder(IQueryable<PlanGoal> rows) => rows.OrderBy(x => x.Plan.Id).ThenBy(x => x.Goal.Position).ThenBy(x => x.Goal.Id);
    protected override Guid? PersonOf(PlanGoal row) => row.Plan.PersonId;

    protected override IReadOnlyList<FhirSearchParameter<PlanGoal>> Parameters =>
    [
        ForPatient("subject", (rows, id) => rows.Where(x => x.Plan.PersonId == id)),
        ForPatient("patient", (rows, id) => rows.Where(x => x.Plan.PersonId == id)),
        new("lifecycle-status", SearchParamType.Token, "planned, active or completed", (rows, v) => v switch
        {
            "planned" => rows.Where(x => x.Goal.Progress == GoalProgress.NotStarted),
            "active" => rows.Where(x => x.Goal.Progress == GoalProgress.Progressing),
            "completed" => rows.Where(x => x.Goal.Progress == GoalProgress.Met),
            _ => throw FhirException.BadRequest($"lifecycle-status must be planned, active or completed, not '{v}'"),
        }),
    ];

    protected override async Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<PlanGoal> rows, FhirRequest request, CancellationToken ct)
    {
        var numbers = await NhsNumbersAsync(rows.Select(x => x.Plan.PersonId), request, ct);
        return [.. rows.Select(x => (Resource)CarePlanFhir.ToGoal(x.Plan, x.Goal, numbers.GetValueOrDefault(x.Plan.PersonId, "")))];
    }
}
