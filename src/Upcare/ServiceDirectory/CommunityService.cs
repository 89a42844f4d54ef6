namespace Upcare.ServiceDirectory;

/// <summary>Whether a service exists and runs (Open Referral UK / HSDS 3.0 service status).</summary>
public enum ServiceStatus
{
    Active,
    Inactive,
    Defunct,
    TemporarilyClosed,
}

/// <summary>Whether an active service is taking people on now: VCSE workers mark it full or paused, with a date it re-opens.</summary>
public enum ServiceAvailability
{
    TakingReferrals,
    Full,
    Paused,
}

/// <summary>
/// A community service in the directory (an Open Referral UK "service"): what it offers, to whom, where, when and at
/// what cost, and the needs it meets (taxonomy terms).
/// </summary>
public class CommunityService
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Url { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public ServiceStatus Status { get; set; } = ServiceStatus.Active;
    public ServiceAvailability Availability { get; set; }

    /// <summary>When a full or paused service expects to take people on again.</summary>
    public DateOnly? ReopensOn { get; set; }

    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }
    public string? EligibilityDescription { get; set; }

    /// <summary>True when every cost option is free (or there are none with a charge).</summary>
    public bool IsFree { get; set; } = true;

    public string? FeesDescription { get; set; }
    public bool InPerson { get; set; }
    public bool Online { get; set; }
    public bool ByPhone { get; set; }

    /// <summary>Name, description and organisation in upper case, for the same indexed "contains" search on both databases.</summary>
    public string SearchText { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedByUserId { get; set; }

    /// <summary>SHA-256 of the ORUK document this service was last imported from, so an unchanged re-import writes nothing.</summary>
    public string? ImportHash { get; set; }

    /// <summary>Where an import brought this from (a file, or another directory's address); null when made in Upcare. An import changes only its own.</summary>
    public string? ImportSource { get; set; }

    /// <summary>Bumped on every change, so two editors cannot silently overwrite each other.</summary>
    public int Version { get; set; }

    public List<ServiceAtLocation> Locations { get; set; } = [];
    public List<OpeningTime> OpeningTimes { get; set; } = [];
    public List<CostOption> CostOptions { get; set; } = [];
    public List<ServiceTaxonomy> Taxonomy { get; set; } = [];
}

/// <summary>A place where services are delivered (an ORUK "location"), with its position for distance search.</summary>
public class DirectoryLocation
{
    public Guid Id { get; set; }
    /// <summary>Where an import brought this from (a file, or another directory's address); null when made in Upcare. An import changes only its own.</summary>
    public string? ImportSource { get; set; }
    public Guid? OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public string AddressLine1 { get; set; } = "";
    public string Town { get; set; } = "";
    public string Postcode { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}

/// <summary>A service delivered at a location (ORUK "service_at_location").</summary>
public class ServiceAtLocation
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }
    public Guid LocationId { get; set; }
    public DirectoryLocation Location { get; set; } = default!;
}

/// <summary>A weekly opening time of a service (the regular part of an ORUK "schedule": a day and hours, UK local time).</summary>
public class OpeningTime
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

/// <summary>What a service costs (ORUK "cost_option"); money in pence.</summary>
public class CostOption
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }
    public string? Option { get; set; }
    public long? AmountPence { get; set; }
    public string? Description { get; set; }
}

/// <summary>A term of a taxonomy (ORUK "taxonomy_term"): a need such as "Debt advice" that services meet.</summary>
public class TaxonomyTerm
{
    public Guid Id { get; set; }
    /// <summary>Where an import brought this from (a file, or another directory's address); null when made in Upcare. An import changes only its own.</summary>
    public string? ImportSource { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Guid? ParentId { get; set; }

    /// <summary>Which taxonomy the term belongs to, e.g. "upcare-needs".</summary>
    public string Taxonomy { get; set; } = "";
}

/// <summary>A service tagged with a taxonomy term (an ORUK "attribute").</summary>
public class ServiceTaxonomy
{
    public Guid ServiceId { get; set; }
    public Guid TermId { get; set; }
}

/// <summary>A postcode and its position, from the ONS Postcode Directory (or the demo's synthetic copy of its layout).</summary>
public class PostcodeLocation
{
    /// <summary>Upper case with one space, as ONSPD's <c>pcds</c> column: "NE4 6JH".</summary>
    public string Postcode { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}
