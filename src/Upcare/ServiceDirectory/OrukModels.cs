using System.Text.Json;
using System.Text.Json.Serialization;

namespace Upcare.ServiceDirectory;

// The Open Referral UK 3.0 (HSDS 3.0 UK profile) shapes Upcare serves at /oruk. Property names become snake_case;
// absent values are left out. These types exist only at the API edge: the directory is stored relationally.

/// <summary>A page of a list, with the HSDS paging fields.</summary>
public sealed record OrukPage<T>(int TotalItems, int TotalPages, int PageNumber, int Size, bool FirstPage, bool LastPage, bool Empty, IReadOnlyList<T> Contents);

/// <summary>An ORUK service, with as much of its tree as the endpoint gives.</summary>
public sealed record OrukService(
    Guid Id, Guid? OrganizationId, string Name, string? Description, string? Url, string? Email, string Status, string? Fees,
    int? MinimumAge, int? MaximumAge, string? Alert, DateTime? LastModified, OrukOrganization? Organization,
    IReadOnlyList<OrukSchedule>? Schedules = null, IReadOnlyList<OrukServiceAtLocation>? ServiceAtLocations = null,
    IReadOnlyList<OrukCostOption>? CostOptions = null, IReadOnlyList<OrukContact>? Contacts = null, IReadOnlyList<OrukAttribute>? Attributes = null);

public sealed record OrukOrganization(Guid Id, string Name, string Description, string? Email = null, string? Website = null);

public sealed record OrukSchedule(Guid Id, Guid? ServiceId, string Freq, int Interval, string Byday, string OpensAt, string ClosesAt, string Description);

public sealed record OrukServiceAtLocation(Guid Id, Guid? ServiceId, Guid LocationId, OrukLocation? Location, OrukService? Service = null);

public sealed record OrukLocation(Guid Id, string LocationType, string Name, double Latitude, double Longitude, IReadOnlyList<OrukAddress> Addresses);

public sealed record OrukAddress(Guid Id, [property: JsonPropertyName("address_1")] string Address1, string City, string StateProvince, string PostalCode, string Country, string AddressType);

public sealed record OrukCostOption(Guid Id, Guid ServiceId, string? Option, decimal? Amount, string? AmountDescription);

public sealed record OrukContact(Guid Id, Guid ServiceId, string Name, string? Title);

public sealed record OrukAttribute(Guid Id, Guid LinkId, Guid TaxonomyTermId, string LinkType, OrukTaxonomyTerm TaxonomyTerm);

public sealed record OrukTaxonomyTerm(Guid Id, string Code, string Name, string Description, Guid? ParentId, string Taxonomy, Guid TaxonomyId, string Term);

public sealed record OrukTaxonomy(Guid Id, string Name, string Description, string Version, IReadOnlyList<OrukTaxonomyTerm>? TaxonomyTerms = null);

/// <summary>What <c>GET /oruk</c> says about the API.</summary>
public sealed record OrukApiDetails(string Version, string Profile, string OpenapiUrl);

/// <summary>JSON settings for the ORUK edge.</summary>
public static class OrukJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
