using Upcare.Access;

namespace Upcare.Fhir;

/// <summary>The <c>Upcare:Fhir</c> configuration section: the systems allowed to call the FHIR API on their own behalf.</summary>
public sealed class FhirOptions
{
    public List<BackendClient> Clients { get; set; } = [];

    /// <summary>How long an access token from the token endpoint lasts (SMART suggests at most 5 minutes).</summary>
    public TimeSpan AccessTokenLasts { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most results in one page of a search, whatever <c>_count</c> asks for.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>How long finished export files are kept for their requester to download.</summary>
    public TimeSpan ExportFilesKept { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// A system registered for SMART Backend Services: it proves who it is with a JWT signed by a key in its JWK set, and
/// acts as a user of the given role for the given organisation (a community provider's case system as a VCSE worker of
/// that organisation, say), so the same party and relationship rules apply as on the pages, narrowed by its scopes.
/// </summary>
public sealed class BackendClient
{
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    public UserRole Role { get; set; }

    /// <summary>The ODS-style code of the organisation the system acts for.</summary>
    public string? OrganisationCode { get; set; }

    /// <summary>The scopes it may be granted, space separated, e.g. <c>system/Task.rus system/ServiceRequest.rs</c>.</summary>
    public string Scopes { get; set; } = "";

    /// <summary>Its public keys as a JWK set (JSON).</summary>
    public string Jwks { get; set; } = "";

    /// <summary>
    /// Whether it may use Bulk Data export: the whole population (or a practice's registered list) in the resource types
    /// its scopes allow, as a commissioner's data platform under a data sharing agreement would. Off unless registered so.
    /// </summary>
    public bool BulkExport { get; set; }
}
