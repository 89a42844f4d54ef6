using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Synthetic;

namespace Upcare.ServiceDirectory;

/// <summary>The ORUK list query: paging and filters, all optional.</summary>
public sealed record OrukQuery(
    int Page = 1, int PerPage = 50, string? Search = null, Guid? TaxonomyTermId = null, Guid? TaxonomyId = null,
    int? MinimumAge = null, int? MaximumAge = null, DayOfWeek? Day = null, TimeOnly? StartTime = null, TimeOnly? EndTime = null,
    string? Postcode = null, double? ProximityMetres = null);

/// <summary>Reads the directory as Open Referral UK 3.0 documents.</summary>
public class OrukReader(UpcareDbContext db, PostcodeDirectory postcodes)
{
    public static readonly (DayOfWeek Day, string Code)[] DayCodes =
        [(DayOfWeek.Monday, "MO"), (DayOfWeek.Tuesday, "TU"), (DayOfWeek.Wednesday, "WE"), (DayOfWeek.Thursday, "TH"), (DayOfWeek.Friday, "FR"), (DayOfWeek.Saturday, "SA"), (DayOfWeek.Sunday, "SU")];

    /// <summary>A taxonomy's id: stable, from its name (Upcare stores terms with the name of their taxonomy).</summary>
    public static Guid TaxonomyIdOf(string taxonomy) => PopulationGenerator.StableGuid("taxonomy-scheme:" + taxonomy);

    public static string StatusOf(ServiceStatus status) => status switch
    {
        ServiceStatus.Active => "active",
        ServiceStatus.Inactive => "inactive",
        ServiceStatus.Defunct => "defunct",
        _ => "temporarily closed",
    };

    private async Task<IQueryable<CommunityService>> FilterAsync(OrukQuery q, CancellationToken ct)
    {
        var services = db.CommunityServices.AsNoTracking();
        foreach (var word in (q.Search ?? "").ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            services = services.Where(s => s.SearchText.Contains(word));
        }
        if (q.TaxonomyTermId is { } term)
        {
            services = services.Where(s => s.Taxonomy.Any(t => t.TermId == term));
        }
        if (q.TaxonomyId is { } taxonomyId)
        {
            var names = (await db.TaxonomyTerms.Select(t => t.Taxonomy).Distinct().ToListAsync(ct)).Where(n => TaxonomyIdOf(n) == taxonomyId).ToList();
            services = services.Where(s => s.Taxonomy.Any(t => db.TaxonomyTerms.Any(x => x.Id == t.TermId && names.Contains(x.Taxonomy))));
        }
        // An age range asked for: services whose eligibility overlaps it.
        if (q.MinimumAge is { } min)
        {
            services = services.Where(s => s.MaximumAge == null || s.MaximumAge >= min);
        }
        if (q.MaximumAge is { } max)
        {
            services = services.Where(s => s.MinimumAge == null || s.MinimumAge <= max);
        }
        if (q.Day is not null || q.StartTime is not null || q.EndTime is not null)
        {
            DayOfWeek? day = q.Day;
            TimeOnly? start = q.StartTime, end = q.EndTime;
            services = services.Where(s => s.OpeningTimes.Any(o => (day == null || o.Day == day) && (start == null || o.Closes > start) && (end == null || o.Opens < end)));
        }
        return services;
    }

    public async Task<OrukPage<OrukService>> ServicesAsync(OrukQuery q, CancellationToken ct = default)
    {
        var services = await FilterAsync(q, ct);
        var total = await services.CountAsync(ct);
        var rows = await services.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip((q.Page - 1) * q.PerPage).Take(q.PerPage).ToListAsync(ct);
        var organisations = await OrganisationsAsync(rows.Select(r => r.OrganisationId), ct);
        return PageOf(rows.Select(s => Basic(s, organisations.GetValueOrDefault(s.OrganisationId))).ToList(), total, q);
    }

    /// <summary>One service with its whole tree: organisation, schedules, locations, costs, contact, taxonomy.</summary>
    public async Task<OrukService?> ServiceAsync(Guid id, CancellationToken ct = default)
    {
        var s = await db.CommunityServices.AsNoTracking().AsSplitQuery()
            .Include(x => x.Locations).ThenInclude(l => l.Location)
            .Include(x => x.OpeningTimes).Include(x => x.CostOptions).Include(x => x.Taxonomy)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return null;
        }
        var organisation = (await OrganisationsAsync([s.OrganisationId], ct)).GetValueOrDefault(s.OrganisationId);
        var termIds = s.Taxonomy.Select(t => t.TermId).ToList();
        var terms = await db.TaxonomyTerms.AsNoTracking().Where(t => termIds.Contains(t.Id)).ToListAsync(ct);
        return Basic(s, organisation) with
        {
            Schedules = s.OpeningTimes.OrderBy(o => o.Day).ThenBy(o => o.Opens).Select(o => Schedule(o)).ToList(),
            ServiceAtLocations = s.Locations.Select(l => new OrukServiceAtLocation(l.Id, s.Id, l.LocationId, Location(l.Location))).ToList(),
            CostOptions = s.CostOptions.Select(c => new OrukCostOption(c.Id, s.Id, c.Option, c.AmountPence / 100m, c.Description)).ToList(),
            Contacts = s.Phone is null && s.Email is null ? [] : [new OrukContact(ContactIdOf(s.Id), s.Id, "Enquiries", s.Phone is null ? null : $"Phone {s.Phone}")],
            Attributes = terms.Select(t => new OrukAttribute(AttributeIdOf(s.Id, t.Id), s.Id, t.Id, Eligibility.IsEligibility(t.Taxonomy) ? Eligibility.LinkType : "service", Term(t))).ToList(),
        };
    }

    public async Task<OrukPage<OrukServiceAtLocation>> ServiceAtLocationsAsync(OrukQuery q, CancellationToken ct = default)
    {
        var services = await FilterAsync(q, ct);
        var links = db.ServiceAtLocations.AsNoTracking().Where(l => services.Any(s => s.Id == l.ServiceId));
        (double Lat, double Lon)? origin = q.Postcode is { Length: > 0 } postcode ? await postcodes.FindAsync(postcode, ct) : null;
        List<ServiceAtLocation> rows;
        int total;
        if (origin is { } o)
        {
            var radiusKm = (q.ProximityMetres ?? 5000) / 1000;
            var (minLat, maxLat, minLon, maxLon) = PostcodeDirectory.Box(o.Lat, o.Lon, radiusKm);
            var candidates = await links.Include(l => l.Location)
                .Where(l => l.Location.Latitude >= minLat && l.Location.Latitude <= maxLat && l.Location.Longitude >= minLon && l.Location.Longitude <= maxLon)
                .ToListAsync(ct);
            var near = candidates.Select(l => (Link: l, Km: PostcodeDirectory.DistanceKm(o.Lat, o.Lon, l.Location.Latitude, l.Location.Longitude)))
                .Where(x => x.Km <= radiusKm).OrderBy(x => x.Km).Select(x => x.Link).ToList();
            total = near.Count;
            rows = near.Skip((q.Page - 1) * q.PerPage).Take(q.PerPage).ToList();
        }
        else
        {
            total = await links.CountAsync(ct);
            rows = await links.Include(l => l.Location).OrderBy(l => l.Id).Skip((q.Page - 1) * q.PerPage).Take(q.PerPage).ToListAsync(ct);
        }
        var serviceIds = rows.Select(r => r.ServiceId).ToList();
        var byId = await db.CommunityServices.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var organisations = await OrganisationsAsync(byId.Values.Select(s => s.OrganisationId), ct);
        return PageOf(rows.Select(l => new OrukServiceAtLocation(l.Id, l.ServiceId, l.LocationId, Location(l.Location),
            Basic(byId[l.ServiceId], organisations.GetValueOrDefault(byId[l.ServiceId].OrganisationId)))).ToList(), total, q);
    }

    public async Task<OrukServiceAtLocation?> ServiceAtLocationAsync(Guid id, CancellationToken ct = default)
    {
        var link = await db.ServiceAtLocations.AsNoTracking().Include(l => l.Location).FirstOrDefaultAsync(l => l.Id == id, ct);
        return link is null ? null : new OrukServiceAtLocation(link.Id, link.ServiceId, link.LocationId, Location(link.Location), await ServiceAsync(link.ServiceId, ct));
    }

    public async Task<OrukPage<OrukTaxonomy>> TaxonomiesAsync(int page, int perPage, CancellationToken ct = default)
    {
        var names = await db.TaxonomyTerms.Select(t => t.Taxonomy).Distinct().OrderBy(n => n).ToListAsync(ct);
        var shown = names.Skip((page - 1) * perPage).Take(perPage).Select(n => Taxonomy(n)).ToList();
        return PageOf(shown, names.Count, new OrukQuery(Page: page, PerPage: perPage));
    }

    public async Task<OrukTaxonomy?> TaxonomyAsync(Guid id, CancellationToken ct = default)
    {
        var name = (await db.TaxonomyTerms.Select(t => t.Taxonomy).Distinct().ToListAsync(ct)).FirstOrDefault(n => TaxonomyIdOf(n) == id);
        if (name is null)
        {
            return null;
        }
        var terms = await db.TaxonomyTerms.AsNoTracking().Where(t => t.Taxonomy == name).OrderBy(t => t.Name).ToListAsync(ct);
        return Taxonomy(name) with { TaxonomyTerms = terms.Select(Term).ToList() };
    }

    public async Task<OrukPage<OrukTaxonomyTerm>> TaxonomyTermsAsync(int page, int perPage, CancellationToken ct = default)
    {
        var terms = db.TaxonomyTerms.AsNoTracking();
        var total = await terms.CountAsync(ct);
        var rows = await terms.OrderBy(t => t.Taxonomy).ThenBy(t => t.Name).Skip((page - 1) * perPage).Take(perPage).ToListAsync(ct);
        return PageOf(rows.Select(Term).ToList(), total, new OrukQuery(Page: page, PerPage: perPage));
    }

    public async Task<OrukTaxonomyTerm?> TaxonomyTermAsync(Guid id, CancellationToken ct = default) =>
        await db.TaxonomyTerms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t ? Term(t) : null;

    private async Task<Dictionary<Guid, OrukOrganization>> OrganisationsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new OrukOrganization(o.Id, o.Name, o.Name), ct);
    }

    private static OrukService Basic(CommunityService s, OrukOrganization? organisation) => new(
        s.Id, s.OrganisationId, s.Name, s.Description, s.Url, s.Email, StatusOf(s.Status), s.IsFree ? null : s.FeesDescription,
        s.MinimumAge, s.MaximumAge,
        s.Availability == ServiceAvailability.TakingReferrals ? null
            : $"{(s.Availability == ServiceAvailability.Full ? "Full" : "Paused")}{(s.ReopensOn is { } d ? $" until {d:yyyy-MM-dd}" : "")}",
        s.UpdatedAt, organisation);

    private static OrukSchedule Schedule(OpeningTime o) => new(
        o.Id, o.ServiceId, "WEEKLY", 1, DayCodes.First(d => d.Day == o.Day).Code, o.Opens.ToString("HH:mm:ss"), o.Closes.ToString("HH:mm:ss"),
        $"{o.Day}s, {DirectorySearch.Clock(o.Opens)} to {DirectorySearch.Clock(o.Closes)}");

    private static OrukLocation Location(DirectoryLocation l) => new(
        l.Id, "physical", l.Name, l.Latitude, l.Longitude,
        [new OrukAddress(AddressIdOf(l.Id), l.AddressLine1, l.Town, "", l.Postcode, "GB", "physical")]);

    private static OrukTaxonomyTerm Term(TaxonomyTerm t) => new(t.Id, t.Code, t.Name, t.Description ?? t.Name, t.ParentId, t.Taxonomy, TaxonomyIdOf(t.Taxonomy), t.Name);

    private static OrukTaxonomy Taxonomy(string name) => new(TaxonomyIdOf(name), name, $"The {name} taxonomy", "1");

    private static Guid ContactIdOf(Guid serviceId) => PopulationGenerator.StableGuid("contact:" + serviceId);
    private static Guid AddressIdOf(Guid locationId) => PopulationGenerator.StableGuid("address:" + locationId);
    private static Guid AttributeIdOf(Guid serviceId, Guid termId) => PopulationGenerator.StableGuid($"attribute:{serviceId}:{termId}");

    private static OrukPage<T> PageOf<T>(IReadOnlyList<T> contents, int total, OrukQuery q)
    {
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)q.PerPage));
        return new OrukPage<T>(total, pages, q.Page, contents.Count, q.Page == 1, q.Page >= pages, contents.Count == 0, contents);
    }
}
