using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Upcare.Fhir;

namespace Upcare.ServiceDirectory;

/// <summary>The directory's community services as UK Core HealthcareService: who runs it, where, what need it meets, how to get in touch.</summary>
public sealed class HealthcareServiceFhir : PublicFhir<CommunityService>
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService";

    public override string Type => "HealthcareService";
    protected override string? Profile => ProfileUrl;
    protected override IQueryable<CommunityService> Rows(FhirRequest request) =>
        request.Db.CommunityServices.AsNoTracking().Include(s => s.Locations).Include(s => s.Taxonomy).AsSplitQuery();
    protected override IQueryable<CommunityService> WithId(IQueryable<CommunityService> rows, Guid id) => rows.Where(s => s.Id == id);
    protected override IQueryable<CommunityService> InOrder(IQueryable<CommunityService> rows) => rows.OrderBy(s => s.Name).ThenBy(s => s.Id);

    protected override IReadOnlyList<FhirSearchParameter<CommunityService>> Parameters =>
    [
        new("name", SearchParamType.String, "Name, containing", (rows, v) => rows.Where(s => s.Name.Contains(v))),
        new("organization", SearchParamType.Reference, "Who runs it, as Organization/{id}", (rows, v) =>
        {
            var id = ReferenceId(v, "Organization");
            return rows.Where(s => s.OrganisationId == id);
        }),
        new("active", SearchParamType.Token, "true for services taking people now", (rows, v) => v switch
        {
            "true" => rows.Where(s => s.Status == ServiceStatus.Active),
            "false" => rows.Where(s => s.Status != ServiceStatus.Active),
            _ => throw FhirException.BadRequest("active must be true or false"),
        }),
    ];

    protected override async Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<CommunityService> rows, FhirRequest request, CancellationToken ct)
    {
        var termIds = rows.SelectMany(s => s.Taxonomy.Select(t => t.TermId)).Distinct().ToList();
        var terms = await request.Db.TaxonomyTerms.AsNoTracking().Where(t => termIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return [.. rows.Select(s =>
        {
            var service = new HealthcareService
            {
                Id = s.Id.ToString(),
                Meta = new Meta { VersionId = s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(s.UpdatedAt, DateTimeKind.Utc)), Profile = [ProfileUrl] },
                Active = s.Status == ServiceStatus.Active,
                ProvidedBy = new ResourceReference($"Organization/{s.OrganisationId}"),
                Name = s.Name,
                Comment = s.Description,
                Location = s.Locations.Select(l => new ResourceReference($"Location/{l.LocationId}")).ToList(),
                Type = s.Taxonomy.Where(t => terms.ContainsKey(t.TermId)).Select(t => new CodeableConcept(terms[t.TermId].Taxonomy, terms[t.TermId].Code, terms[t.TermId].Name)).ToList(),
                AppointmentRequired = false,
            };
            if (s.Phone is { } phone) service.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, phone));
            if (s.Email is { } email) service.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, email));
            if (s.Url is { } url) service.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Url, ContactPoint.ContactPointUse.Work, url));
            return (Resource)service;
        })];
    }
}

/// <summary>The directory's places as UK Core Location, with their address and position.</summary>
public sealed class LocationFhir : PublicFhir<DirectoryLocation>
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location";

    public override string Type => "Location";
    protected override string? Profile => ProfileUrl;
    protected override IQueryable<DirectoryLocation> Rows(FhirRequest request) => request.Db.DirectoryLocations.AsNoTracking();
    protected override IQueryable<DirectoryLocation> WithId(IQueryable<DirectoryLocation> rows, Guid id) => rows.Where(l => l.Id == id);
    protected override IQueryable<DirectoryLocation> InOrder(IQueryable<DirectoryLocation> rows) => rows.OrderBy(l => l.Name).ThenBy(l => l.Id);

    protected override IReadOnlyList<FhirSearchParameter<DirectoryLocation>> Parameters =>
    [
        new("name", SearchParamType.String, "Name, containing", (rows, v) => rows.Where(l => l.Name.Contains(v))),
        new("address-postalcode", SearchParamType.String, "Postcode, starting with (e.g. NE4)", (rows, v) =>
        {
            var start = v.Trim().ToUpperInvariant();
            return rows.Where(l => l.Postcode.StartsWith(start));
        }),
        new("organization", SearchParamType.Reference, "The organisation whose place it is, as Organization/{id}", (rows, v) =>
        {
            var id = ReferenceId(v, "Organization");
            return rows.Where(l => l.OrganisationId == id);
        }),
    ];

    protected override Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<DirectoryLocation> rows, FhirRequest request, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult<IReadOnlyList<Resource>>([.. rows.Select(l => (Resource)new Location
        {
            Id = l.Id.ToString(),
            Meta = new Meta { Profile = [ProfileUrl] },
            Status = Location.LocationStatus.Active,
            Name = l.Name,
            Address = new Address { Line = [l.AddressLine1], City = l.Town, PostalCode = l.Postcode },
            Position = new Location.PositionComponent { Latitude = (decimal)l.Latitude, Longitude = (decimal)l.Longitude },
            ManagingOrganization = l.OrganisationId is { } org ? new ResourceReference($"Organization/{org}") : null,
        })]);
}
