using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Upcare.Shared;

namespace Upcare.CarePlans;

/// <summary>
/// A care and support plan as FHIR R4: a CarePlan on the UK Core profile with its goals as base R4 Goal resources
/// (there is no UK Core Goal). The person's words go in as they wrote them. No SNOMED CT code is given for the plan
/// itself: the concept IDs for "personalised care and support plan agreed" are not verified (see the reference).
/// </summary>
public static class CarePlanFhir
{
    public const string UkCoreCarePlan = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan";
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";

    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir();

    /// <param name="onServer">Refer to the goals as Goal/{id} on the FHIR API, rather than by their entries in one Bundle.</param>
    public static Hl7.Fhir.Model.CarePlan ToCarePlan(CarePlan plan, string nhsNumber, bool onServer = false)
    {
        var notes = CarePlanContent.Sections.Skip(1)
            .Select(s => (s.Label, Text: s.Get(CarePlanContent.From(plan))))
            .Where(s => s.Text.Length > 0)
            .Select(s => new Annotation { Text = new Markdown($"{s.Label}: {s.Text}") })
            .ToList();
        if (plan.ReviewOn is { } review)
        {
            notes.Add(new Annotation { Text = new Markdown($"Review date: {Date(review)}") });
        }
        return new()
        {
            Id = plan.Id.ToString(),
            Meta = new Meta { VersionId = plan.Version.ToString(CultureInfo.InvariantCulture), LastUpdated = Utc(plan.UpdatedAt), Profile = [UkCoreCarePlan] },
            Status = plan.Status == CarePlanStatus.Agreed ? RequestStatus.Active : RequestStatus.Draft,
            Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan,
            Category = [new CodeableConcept { Text = "Personalised care and support plan" }],
            Title = "Personalised care and support plan",
            Description = plan.AboutMe.Length > 0 ? plan.AboutMe : null,
            Subject = Patient(plan.PersonId, nhsNumber),
            Period = new Period { Start = new FhirDateTime(Utc(plan.StartedAt)).Value },
            Created = new FhirDateTime(Utc(plan.StartedAt)).Value,
            Author = new ResourceReference { Display = plan.StartedByName },
            Goal = plan.Goals.OrderBy(g => g.Position).Select(g => new ResourceReference(onServer ? $"Goal/{g.Id}" : $"urn:uuid:{g.Id}")).ToList(),
            Activity = plan.Actions.OrderBy(a => a.Position).Select(a => new Hl7.Fhir.Model.CarePlan.ActivityComponent
            {
                Detail = new Hl7.Fhir.Model.CarePlan.DetailComponent
                {
                    Status = a.Done ? Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.Completed : Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.NotStarted,
                    Description = a.What,
                    Scheduled = a.ByWhen is { } by ? new FhirString($"By {Date(by)}") : null,
                    Performer = [new ResourceReference { Display = CarePlanContent.Describe(a.Who) + (a.WhoName.Length > 0 ? $": {a.WhoName}" : "") }],
                },
            }).ToList(),
            Note = notes,
        };
    }

    public static Goal ToGoal(CarePlan plan, CarePlanGoal goal, string nhsNumber) => new()
    {
        Id = goal.Id.ToString(),
        Meta = new Meta { VersionId = plan.Version.ToString(CultureInfo.InvariantCulture), LastUpdated = Utc(plan.UpdatedAt) },
        LifecycleStatus = goal.Progress switch
        {
            GoalProgress.Met => Goal.GoalLifecycleStatus.Completed,
            GoalProgress.Progressing => Goal.GoalLifecycleStatus.Active,
            _ => Goal.GoalLifecycleStatus.Planned,
        },
        AchievementStatus = goal.Progress switch
        {
            GoalProgress.Met => new CodeableConcept("http://terminology.hl7.org/CodeSystem/goal-achievement", "achieved", "Achieved"),
            GoalProgress.Progressing => new CodeableConcept("http://terminology.hl7.org/CodeSystem/goal-achievement", "in-progress", "In Progress"),
            _ => null,
        },
        Description = new CodeableConcept { Text = goal.InMyWords },
        Subject = Patient(plan.PersonId, nhsNumber),
        ExpressedBy = Patient(plan.PersonId, nhsNumber),
        // Only a due date as the target: a target "detail" would need a coded measure, and "how I'll know" is the person's words.
        Target = goal.ByWhen is { } by ? [new Goal.TargetComponent { Due = new Date(by.Year, by.Month, by.Day) }] : [],
        Note = goal.HowIWillKnow.Length > 0 ? [new Annotation { Text = new Markdown($"How I'll know I got there: {goal.HowIWillKnow}") }] : [],
    };

    /// <summary>The plan and its goals as a collection Bundle in FHIR JSON; the plan refers to its goals by their entries' full URLs.</summary>
    public static string ToJson(CarePlan plan, string nhsNumber)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = DateTimeOffset.UtcNow };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{plan.Id}", Resource = ToCarePlan(plan, nhsNumber) });
        foreach (var goal in plan.Goals.OrderBy(g => g.Position))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{goal.Id}", Resource = ToGoal(plan, goal, nhsNumber) });
        }
        return JsonSerializer.Serialize(bundle, Options);
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static string Date(DateOnly d) => UkTime.FormatDate(d);

    private static ResourceReference Patient(Guid personId, string nhsNumber) => new()
    {
        Reference = $"Patient/{personId}",
        Identifier = new Identifier(NhsNumberSystem, nhsNumber),
    };
}
