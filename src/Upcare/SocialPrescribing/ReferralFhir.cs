using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Upcare.SocialPrescribing;

/// <summary>
/// A referral to a community service as FHIR R4, on the Gravity closed-loop pattern: the ServiceRequest is the
/// referral and the Task carries it between the link worker and the organisation, with the status each side sets.
/// </summary>
public static class ReferralFhir
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string SnomedSystem = "http://snomed.info/sct";

    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir();

    /// <summary>The ServiceRequest's status for where the referral stands.</summary>
    public static RequestStatus RequestStatusOf(CommunityReferralStatus status) => status switch
    {
        CommunityReferralStatus.Completed => RequestStatus.Completed,
        CommunityReferralStatus.EnteredInError => RequestStatus.EnteredInError,
        CommunityReferralStatus.Cancelled or CommunityReferralStatus.Rejected or CommunityReferralStatus.Failed => RequestStatus.Revoked,
        _ => RequestStatus.Active,
    };

    public static ServiceRequest ToServiceRequest(CommunityReferral referral, string nhsNumber, string organisationName) => new()
    {
        Id = referral.Id.ToString(),
        Meta = new Meta { VersionId = referral.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = new DateTimeOffset(referral.StatusAt, TimeSpan.Zero) },
        Status = RequestStatusOf(referral.Status),
        Intent = RequestIntent.Order,
        Category = [new CodeableConcept(SnomedSystem, SocialPrescribingReferral.SnomedReferral, "Referral to social prescribing service")],
        Code = new CodeableConcept { Text = referral.ServiceName },
        Subject = Patient(referral, nhsNumber),
        AuthoredOn = When(referral.SentAt),
        Requester = new ResourceReference { Display = referral.SentByName },
        Performer = [new ResourceReference($"Organization/{referral.OrganisationId}", organisationName)],
        BasedOn = [new ResourceReference($"ServiceRequest/{referral.SocialPrescribingReferralId}")],
        Note = referral.SharedNote is null ? [] : [new Annotation { Text = new Markdown(referral.SharedNote) }],
    };

    public static Hl7.Fhir.Model.Task ToTask(CommunityReferral referral, string nhsNumber, string organisationName) => new()
    {
        Id = referral.Id.ToString(),
        Meta = new Meta { VersionId = referral.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = new DateTimeOffset(referral.StatusAt, TimeSpan.Zero) },
        Status = EnumUtility.ParseLiteral<Hl7.Fhir.Model.Task.TaskStatus>(ClosedLoop.FhirCode(referral.Status)),
        StatusReason = referral.StatusReason is null ? null : referral.DeclineReason is { } declined
            ? new CodeableConcept(DeclineReasons.System, DeclineReasons.Code(declined), DeclineReasons.Label(declined), referral.StatusReason)
            : new CodeableConcept { Text = referral.StatusReason },
        Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
        Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request"),
        Focus = new ResourceReference($"ServiceRequest/{referral.Id}"),
        For = Patient(referral, nhsNumber),
        AuthoredOn = When(referral.SentAt),
        LastModified = When(referral.StatusAt),
        Requester = new ResourceReference { Display = referral.SentByName },
        Owner = new ResourceReference($"Organization/{referral.OrganisationId}", organisationName),
        Restriction = new Hl7.Fhir.Model.Task.RestrictionComponent { Period = new Period { End = referral.RespondBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } },
    };

    /// <summary>The referral and its Task together, as a collection Bundle in FHIR JSON.</summary>
    public static string ToJson(CommunityReferral referral, string nhsNumber, string organisationName)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = DateTimeOffset.UtcNow };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{referral.Id}", Resource = ToServiceRequest(referral, nhsNumber, organisationName) });
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = ToTask(referral, nhsNumber, organisationName) });
        return JsonSerializer.Serialize(bundle, Options);
    }

    private static string When(DateTime utc) => new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).Value!;

    private static ResourceReference Patient(CommunityReferral referral, string nhsNumber) => new()
    {
        Reference = $"Patient/{referral.PersonId}",
        Identifier = new Identifier(NhsNumberSystem, nhsNumber),
        Display = referral.SharedName,
    };
}
