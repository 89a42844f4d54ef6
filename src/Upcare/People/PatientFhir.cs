using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Fhir;

namespace Upcare.People;

/// <summary>
/// A person as a UK Core Patient: NHS number (https://fhir.nhs.uk/Id/nhs-number), name, gender, birth date, address,
/// phone and email, and the GP practice by its ODS code. Readable and searchable by whoever may see the record on the pages.
/// </summary>
public sealed class PatientFhir : FhirResourceType<Person>
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string OdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";

    public override string Type => "Patient";
    protected override string? Profile => ProfileUrl;

    protected override IReadOnlyList<FhirSearchParameter<Person>> Parameters { get; } =
    [
        new("identifier", SearchParamType.Token, "NHS number, as https://fhir.nhs.uk/Id/nhs-number|9990000018 or the ten digits", (rows, v) =>
        {
            var digits = TokenCode(v, NhsNumberSystem).Replace(" ", "", StringComparison.Ordinal);
            return rows.Where(p => p.NhsNumber == digits);
        }),
        new("family", SearchParamType.String, "Family name, starting with (any case)", (rows, v) =>
        {
            var key = v.Trim().ToUpperInvariant();
            return rows.Where(p => p.FamilyNameKey.StartsWith(key));
        }),
        new("given", SearchParamType.String, "Given name, starting with (any case)", (rows, v) =>
        {
            var key = v.Trim().ToUpperInvariant();
            return rows.Where(p => p.GivenNameKey.StartsWith(key));
        }),
        new("birthdate", SearchParamType.Date, "Date of birth (yyyy-mm-dd)", (rows, v) =>
        {
            var born = DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw FhirException.BadRequest($"birthdate must be a date as yyyy-mm-dd, not '{v}'");
            return rows.Where(p => p.DateOfBirth == born);
        }),
        DateParameter<Person, DateTime>("_lastUpdated", "When the record last changed", p => p.UpdatedAt),
    ];

    protected override IQueryable<Person> Visible(FhirRequest request) => request.Access.Visible(request.Db.People.AsNoTracking());
    protected override IQueryable<Person> Everything(FhirRequest request) => request.Db.People.AsNoTracking();
    protected override IQueryable<Person> WithId(IQueryable<Person> rows, Guid id) => rows.Where(p => p.Id == id);
    protected override IQueryable<Person> InOrder(IQueryable<Person> rows) => rows.OrderBy(p => p.FamilyNameKey).ThenBy(p => p.GivenNameKey).ThenBy(p => p.Id);
    protected override Guid? PersonOf(Person row) => row.Id;
    protected override IQueryable<Person> AboutOnly(IQueryable<Person> rows, IQueryable<Guid> people, FhirRequest request) => rows.Where(p => people.Contains(p.Id));

    protected override async Task<(AccessDecision Decision, Guid? PersonId)> DecideAsync(Guid id, FhirRequest request, CancellationToken ct) =>
        (await request.Access.DecideAsync(id, AccessPurpose.Read, ct), id);

    protected override async Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<Person> rows, FhirRequest request, CancellationToken ct)
    {
        // Practices from the organisations cache: reference data, read once for many patients.
        var organisations = request.Services.GetRequiredService<Organisations.OrganisationService>();
        var practices = new Dictionary<Guid, Organisations.Organisation>();
        foreach (var id in rows.Where(p => p.GpPracticeId != null).Select(p => p.GpPracticeId!.Value).Distinct())
        {
            if (await organisations.FindAsync(id, ct) is { } practice)
            {
                practices[id] = practice;
            }
        }
        return [.. rows.Select(p => ToPatient(p, p.GpPracticeId is { } id && practices.TryGetValue(id, out var o) ? (o.Code, o.Name) : null))];
    }

    /// <summary>The UK Core Patient for one person.</summary>
    public static Patient ToPatient(Person person, (string Code, string Name)? practice)
    {
        var patient = new Patient
        {
            Id = person.Id.ToString(),
            Meta = MetaOf(person.Version, person.UpdatedAt, ProfileUrl),
            Identifier = [new Identifier(NhsNumberSystem, person.NhsNumber)],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = person.FamilyName, Given = [person.GivenName] }],
            Gender = person.Sex switch
            {
                Sex.Female => AdministrativeGender.Female,
                Sex.Male => AdministrativeGender.Male,
                Sex.Indeterminate => AdministrativeGender.Other,
                _ => AdministrativeGender.Unknown,
            },
            BirthDate = person.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Address =
            [
                new Address
                {
                    Use = Address.AddressUse.Home,
                    Line = new[] { person.AddressLine1, person.AddressLine2 }.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).ToList(),
                    City = string.IsNullOrWhiteSpace(person.Town) ? null : person.Town,
                    PostalCode = person.Postcode,
                },
            ],
        };
        if (person.Phone is { } phone)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, phone));
        }
        if (person.Email is { } email)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email));
        }
        if (practice is { } gp)
        {
            patient.GeneralPractitioner.Add(new ResourceReference { Identifier = new Identifier(OdsSystem, gp.Code), Display = gp.Name });
        }
        return patient;
    }
}
