using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Upcare.Fhir;

namespace Upcare.Organisations;

/// <summary>Organisations as UK Core Organization: ODS code, name, kind, postcode and the organisation they belong to.</summary>
public sealed class OrganizationFhir : PublicFhir<Organisation>
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization";

    public override string Type => "Organization";
    protected override string? Profile => ProfileUrl;
    protected override IQueryable<Organisation> Rows(FhirRequest request) => request.Db.Organisations.AsNoTracking();
    protected override IQueryable<Organisation> WithId(IQueryable<Organisation> rows, Guid id) => rows.Where(o => o.Id == id);
    protected override IQueryable<Organisation> InOrder(IQueryable<Organisation> rows) => rows.OrderBy(o => o.Name).ThenBy(o => o.Id);

    protected override IReadOnlyList<FhirSearchParameter<Organisation>> Parameters =>
    [
        new("identifier", SearchParamType.Token, "ODS code, as https://fhir.nhs.uk/Id/ods-organization-code|A99901 or the code", (rows, v) =>
        {
            var code = TokenCode(v, People.PatientFhir.OdsSystem);
            return rows.Where(o => o.Code == code);
        }),
        new("name", SearchParamType.String, "Name, containing", (rows, v) => rows.Where(o => o.Name.Contains(v))),
        new("partof", SearchParamType.Reference, "The organisation it belongs to, as Organization/{id}", (rows, v) =>
        {
            var parent = ReferenceId(v, "Organization");
            return rows.Where(o => o.ParentId == parent);
        }),
    ];

    protected override Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<Organisation> rows, FhirRequest request, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult<IReadOnlyList<Resource>>([.. rows.Select(o => (Resource)new Organization
        {
            Id = o.Id.ToString(),
            Meta = new Meta { Profile = [ProfileUrl] },
            Identifier = [new Identifier(People.PatientFhir.OdsSystem, o.Code)],
            Active = true,
            Name = o.Name,
            Type = [new CodeableConcept { Text = o.Kind switch
            {
                OrganisationKind.GpPractice => "GP practice",
                OrganisationKind.PrimaryCareNetwork => "Primary care network",
                OrganisationKind.IntegratedCareBoard => "Integrated care board",
                OrganisationKind.LocalAuthority => "Local authority",
                OrganisationKind.VcseOrganisation => "Voluntary, community or social enterprise organisation",
                _ => "NHS trust",
            } }],
            Address = o.Postcode is { } postcode ? [new Address { PostalCode = postcode }] : [],
            PartOf = o.ParentId is { } parent ? new ResourceReference($"Organization/{parent}") : null,
        })]);
}
