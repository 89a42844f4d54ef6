using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Upcare.Fhir;

namespace Upcare.Access;

/// <summary>Staff accounts, whose names and roles are no secret: people and the systems' own accounts are not practitioners.</summary>
public abstract class StaffFhir : PublicFhir<UpcareUser>
{
    protected override IQueryable<UpcareUser> Rows(FhirRequest request) =>
        request.Db.Users.AsNoTracking().Where(u => u.Role != UserRole.Person && !u.Email!.EndsWith(Fhir.BackendServices.AccountDomain));

    protected override IQueryable<UpcareUser> WithId(IQueryable<UpcareUser> rows, Guid id) => rows.Where(u => u.Id == id);
    protected override IQueryable<UpcareUser> InOrder(IQueryable<UpcareUser> rows) => rows.OrderBy(u => u.DisplayName).ThenBy(u => u.Id);
}

/// <summary>Staff as UK Core Practitioner: who they are by name (their role and organisation are the PractitionerRole).</summary>
public sealed class PractitionerFhir : StaffFhir
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner";

    public override string Type => "Practitioner";
    protected override string? Profile => ProfileUrl;

    protected override IReadOnlyList<FhirSearchParameter<UpcareUser>> Parameters =>
    [
        new("name", SearchParamType.String, "Name, containing", (rows, v) => rows.Where(u => u.DisplayName.Contains(v))),
    ];

    protected override Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<UpcareUser> rows, FhirRequest request, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult<IReadOnlyList<Resource>>([.. rows.Select(u => (Resource)new Practitioner
        {
            Id = u.Id.ToString(),
            Meta = new Meta { Profile = [ProfileUrl] },
            Active = u.LockoutEnd is null || u.LockoutEnd < DateTimeOffset.UtcNow,
            Name = [new HumanName { Text = u.DisplayName }],
        })]);
}

/// <summary>What each member of staff does and where, as UK Core PractitionerRole (one per account: its role and organisation).</summary>
public sealed class PractitionerRoleFhir : StaffFhir
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole";

    public override string Type => "PractitionerRole";
    protected override string? Profile => ProfileUrl;

    protected override IReadOnlyList<FhirSearchParameter<UpcareUser>> Parameters =>
    [
        new("practitioner", SearchParamType.Reference, "The member of staff, as Practitioner/{id}", (rows, v) =>
        {
            var id = ReferenceId(v, "Practitioner");
            return rows.Where(u => u.Id == id);
        }),
        new("organization", SearchParamType.Reference, "Where they work, as Organization/{id}", (rows, v) =>
        {
            var id = ReferenceId(v, "Organization");
            return rows.Where(u => u.OrganisationId == id);
        }),
        new("role", SearchParamType.Token, "Their role in Upcare, e.g. LinkWorker, Clinician, HealthCoach", (rows, v) =>
        {
            var role = Enum.TryParse<UserRole>(v, ignoreCase: true, out var r) && r != UserRole.Person ? r : throw FhirException.BadRequest($"'{v}' is not a staff role");
            return rows.Where(u => u.Role == role);
        }),
    ];

    public const string RoleSystem = "https://upcare.example/fhir/CodeSystem/staff-role";

    protected override Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<UpcareUser> rows, FhirRequest request, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult<IReadOnlyList<Resource>>([.. rows.Select(u => (Resource)new PractitionerRole
        {
            Id = u.Id.ToString(),
            Meta = new Meta { Profile = [ProfileUrl] },
            Active = true,
            Practitioner = new ResourceReference($"Practitioner/{u.Id}", u.DisplayName),
            Organization = u.OrganisationId is { } org ? new ResourceReference($"Organization/{org}") : null,
            Code = [new CodeableConcept(RoleSystem, u.Role.ToString(), UserRoles.Label(u.Role))],
        })]);
}

/// <summary>
/// A person's permission for a carer to see their record, as a UK Core Consent (privacy consent, permit, to the carer
/// named), active until withdrawn; for whoever may see the person's record.
/// </summary>
public sealed class ConsentFhir : PersonScopedFhir<CarerPermission>
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent";

    public override string Type => "Consent";
    protected override string? Profile => ProfileUrl;

    protected override IQueryable<CarerPermission> Rows(FhirRequest request) => request.Db.CarerPermissions.AsNoTracking();
    protected override Expression<Func<CarerPermission, Guid>> PersonIdOf(FhirRequest request) => c => c.PersonId;
    protected override IQueryable<CarerPermission> WithId(IQueryable<CarerPermission> rows, Guid id) => rows.Where(c => c.Id == id);
    protected override IQueryable<CarerPermission> InOrder(IQueryable<CarerPermission> rows) => rows.OrderByDescending(c => c.GrantedAt).ThenBy(c => c.Id);
    protected override Guid? PersonOf(CarerPermission row) => row.PersonId;

    protected override IReadOnlyList<FhirSearchParameter<CarerPermission>> Parameters =>
    [
        ForPatient("patient", (rows, id) => rows.Where(c => c.PersonId == id)),
        new("status", SearchParamType.Token, "active, or inactive once withdrawn", (rows, v) => v switch
        {
            "active" => rows.Where(c => c.WithdrawnAt == null),
            "inactive" => rows.Where(c => c.WithdrawnAt != null),
            _ => throw FhirException.BadRequest($"status must be active or inactive, not '{v}'"),
        }),
    ];

    protected override async Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<CarerPermission> rows, FhirRequest request, CancellationToken ct)
    {
        var numbers = await NhsNumbersAsync(rows.Select(c => c.PersonId), request, ct);
        var carerIds = rows.Select(c => c.CarerUserId).Distinct().ToList();
        var carers = await request.Db.Users.AsNoTracking().Where(u => carerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. rows.Select(c => (Resource)new Consent
        {
            Id = c.Id.ToString(),
            Meta = MetaOf(c.WithdrawnAt is null ? 1 : 2, c.WithdrawnAt ?? c.GrantedAt, ProfileUrl),
            Status = c.WithdrawnAt is null ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = new ResourceReference($"Patient/{c.PersonId}") { Identifier = new Identifier(People.PatientFhir.NhsNumberSystem, numbers.GetValueOrDefault(c.PersonId, "")) },
            DateTime = new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(c.GrantedAt, DateTimeKind.Utc))).Value,
            Performer = [new ResourceReference($"Patient/{c.PersonId}")],
            Policy = [new Consent.PolicyComponent { Uri = "https://upcare.example/policy/carer-access" }],
            Provision = new Consent.provisionComponent
            {
                Type = Consent.ConsentProvisionType.Permit,
                Period = new Period
                {
                    Start = new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(c.GrantedAt, DateTimeKind.Utc))).Value,
                    End = c.WithdrawnAt is { } w ? new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(w, DateTimeKind.Utc))).Value : null,
                },
                Actor = [new Consent.provisionActorComponent
                {
                    Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "CAREGIVER", "caregiver"),
                    Reference = new ResourceReference { Display = $"{carers.GetValueOrDefault(c.CarerUserId, "")} ({c.Relationship})" },
                }],
                Action = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "access", "Access")],
            },
        })];
    }
}
