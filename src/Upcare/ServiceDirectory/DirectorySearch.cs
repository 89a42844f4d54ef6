using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.ServiceDirectory;

/// <summary>What someone searches the directory by; every part optional.</summary>
public sealed class DirectoryQuery
{
    public string? Need { get; set; }
    public string? Postcode { get; set; }
    public double? WithinKm { get; set; }
    public int? Age { get; set; }

    /// <summary>A condition the person lives with (a code of <see cref="Eligibility.ConditionsTaxonomy"/>): services only for other conditions are left out.</summary>
    public string? Condition { get; set; }

    /// <summary>The person's gender (a code of <see cref="Eligibility.GenderTaxonomy"/>): services only for another gender are left out.</summary>
    public string? Gender { get; set; }

    public bool FreeOnly { get; set; }
    public DayOfWeek? Day { get; set; }
    public TimeOnly? Time { get; set; }
    public bool OpenNow { get; set; }
    public bool InPerson { get; set; }
    public bool Online { get; set; }
    public bool ByPhone { get; set; }
    public string? Text { get; set; }
    public int Page { get; set; } = 1;
}

/// <summary>One service found: what a person needs to choose it and get in touch.</summary>
public sealed record DirectoryResult(
    Guid Id, string Name, string Organisation, double? DistanceKm, string? Place, string? NextOpening, string Cost,
    string? Phone, string? Email, string? Url, ServiceAvailability Availability, DateOnly? ReopensOn);

/// <summary>One service as its page shows it: the needs it meets, and the conditions and genders it is only for (empty: anyone).</summary>
public sealed record ServiceView(CommunityService Service, string Organisation, IReadOnlyList<string> Needs, IReadOnlyList<string> OnlyForConditions, IReadOnlyList<string> OnlyForGenders);

/// <summary>A page of results.</summary>
public sealed record DirectoryPage(IReadOnlyList<DirectoryResult> Results, int Total, int Page, int PageSize);

/// <summary>
/// Searches the directory by need, distance from a postcode, eligibility, cost, opening and delivery, and words. Distance
/// needs no spatial extension: a bounding box on the indexed latitude and longitude narrows the candidates, then the
/// exact great-circle distance decides and orders.
/// </summary>
public class DirectorySearch(UpcareDbContext db, PostcodeDirectory postcodes, TimeProvider clock)
{
    public const int PageSize = 20;

    public static string SearchTextOf(CommunityService s, string organisation) =>
        $"{s.Name} {s.Description} {organisation}".ToUpperInvariant();

    /// <summary>One active service with everything about it, its organisation's name, the needs it meets and whom it is only for.</summary>
    public async Task<ServiceView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var service = await db.CommunityServices.AsNoTracking().AsSplitQuery()
            .Include(s => s.Locations).ThenInclude(l => l.Location)
            .Include(s => s.OpeningTimes).Include(s => s.CostOptions).Include(s => s.Taxonomy)
            .FirstOrDefaultAsync(s => s.Id == id && s.Status != ServiceStatus.Defunct, ct);
        if (service is null)
        {
            return null;
        }
        var organisation = await db.Organisations.Where(o => o.Id == service.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var termIds = service.Taxonomy.Select(t => t.TermId).ToList();
        var terms = await db.TaxonomyTerms.AsNoTracking().Where(t => termIds.Contains(t.Id)).OrderBy(t => t.Name).ToListAsync(ct);
        return new ServiceView(
            service, organisation,
            terms.Where(t => !Eligibility.IsEligibility(t.Taxonomy)).Select(t => t.Name).ToList(),
            terms.Where(t => t.Taxonomy == Eligibility.ConditionsTaxonomy).Select(t => t.Name).ToList(),
            terms.Where(t => t.Taxonomy == Eligibility.GenderTaxonomy).Select(t => t.Name).ToList());
    }

    /// <summary>The needs services meet (every taxonomy but the eligibility ones), by name.</summary>
    public Task<List<TaxonomyTerm>> NeedsAsync(CancellationToken ct = default) =>
        db.TaxonomyTerms.AsNoTracking().NeedsOnly().OrderBy(t => t.Name).ToListAsync(ct);

    /// <summary>Searches; throws <see cref="ValidationFailedException"/> for a postcode that is not valid or not known.</summary>
    public async Task<DirectoryPage> SearchAsync(DirectoryQuery query, CancellationToken ct = default)
    {
        var services = db.CommunityServices.AsNoTracking().Where(s => s.Status == ServiceStatus.Active);
        Guid? termId = null;
        if (!string.IsNullOrWhiteSpace(query.Need))
        {
            var code = query.Need.Trim();
            termId = await db.TaxonomyTerms.NeedsOnly().Where(t => t.Code == code).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
            if (termId is null)
            {
                return new DirectoryPage([], 0, Math.Max(1, query.Page), PageSize);
            }
        }
        if (query.Age is { } age)
        {
            services = services.Where(s => (s.MinimumAge == null || s.MinimumAge <= age) && (s.MaximumAge == null || s.MaximumAge >= age));
        }
        services = OnlyEligible(services, Eligibility.ConditionsTaxonomy, query.Condition, nameof(DirectoryQuery.Condition), "Choose a condition from the list");
        services = OnlyEligible(services, Eligibility.GenderTaxonomy, query.Gender, nameof(DirectoryQuery.Gender), "Choose a gender from the list");
        if (query.FreeOnly)
        {
            services = services.Where(s => s.IsFree);
        }
        // Services open then, as a set of ids from the (day, opens, closes) index: the database can build it once and
        // match against it, rather than look up each candidate's hours in turn.
        var (day, time) = query.OpenNow ? Now() : (query.Day, query.Time);
        IQueryable<Guid>? open = day is not { } d ? null
            : time is { } t ? db.OpeningTimes.Where(o => o.Day == d && o.Opens <= t && o.Closes > t).Select(o => o.ServiceId)
            : db.OpeningTimes.Where(o => o.Day == d).Select(o => o.ServiceId);
        if (query.InPerson || query.Online || query.ByPhone)
        {
            bool inPerson = query.InPerson, online = query.Online, phone = query.ByPhone;
            services = services.Where(s => (inPerson && s.InPerson) || (online && s.Online) || (phone && s.ByPhone));
        }
        foreach (var word in (query.Text ?? "").ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
        {
            services = services.Where(s => s.SearchText.Contains(word));
        }

        (double Lat, double Lon)? origin = null;
        if (!string.IsNullOrWhiteSpace(query.Postcode))
        {
            if (!Upcare.Shared.Postcode.IsValid(query.Postcode))
            {
                throw new ValidationFailedException([new FieldError(nameof(DirectoryQuery.Postcode), "Enter a real postcode, like NE4 6BE")]);
            }
            origin = await postcodes.FindAsync(query.Postcode, ct)
                ?? throw new ValidationFailedException([new FieldError(nameof(DirectoryQuery.Postcode), $"{Upcare.Shared.Postcode.Normalise(query.Postcode)} is not in the postcode directory. Check it, or search without a postcode")]);
        }
        var page = Math.Max(1, query.Page);
        if (origin is not { } o)
        {
            if (termId is { } need)
            {
                services = services.Where(s => s.Taxonomy.Any(t => t.TermId == need));
            }
            if (open is not null)
            {
                services = services.Where(s => open.Contains(s.Id));
            }
            var total = await services.CountAsync(ct);
            // The page's ids first, then their records: filtering and sorting once rather than again for each part of the record.
            var onPage = await services.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip((page - 1) * PageSize).Take(PageSize).Select(s => s.Id).ToListAsync(ct);
            var byId = await RowsAsync(onPage, ct);
            return new DirectoryPage(onPage.Select(id => ToResult(byId[id], null)).ToList(), total, page, PageSize);
        }

        var radius = query.WithinKm ?? 5;
        var (minLat, maxLat, minLon, maxLon) = PostcodeDirectory.Box(o.Lat, o.Lon, radius);
        // Step 1, in SQL: only (service, position) pairs inside the box, from the indexed latitude/longitude — light rows.
        // With a need, start from that need's services (an index on the term): in a dense area the box alone holds most of the directory.
        var links = termId is { } tid
            ? db.ServiceTaxonomies.Where(t => t.TermId == tid).Join(db.ServiceAtLocations, t => t.ServiceId, l => l.ServiceId, (t, l) => l)
            : db.ServiceAtLocations.AsQueryable();
        // SQLite with a need: "+ 0" keeps its planner off the latitude index so it starts from the need (it cannot size a
        // parameterised range and would start from the box, which in a dense area holds most of the directory).
        // PostgreSQL sizes the range from its statistics and chooses well by itself; the same trick would blind it.
        var shift = 0.0;
        var boxed = termId is null || !db.Database.IsSqlite()
            ? links.Where(l => l.Location.Latitude >= minLat && l.Location.Latitude <= maxLat && l.Location.Longitude >= minLon && l.Location.Longitude <= maxLon)
            : links.Where(l => l.Location.Latitude + shift >= minLat && l.Location.Latitude + shift <= maxLat && l.Location.Longitude + shift >= minLon && l.Location.Longitude + shift <= maxLon);
        if (open is not null)
        {
            boxed = boxed.Where(l => open.Contains(l.ServiceId));
        }
        var inBoxQuery = boxed.AsNoTracking()
            .Where(l => services.Any(s => s.Id == l.ServiceId))
            .Select(l => new { l.ServiceId, l.Location.Latitude, l.Location.Longitude });
        var inBox = await inBoxQuery.ToListAsync(ct);
        // Step 2, in memory: the exact distance, nearest first; then the whole record only for the page shown.
        var near = inBox
            .GroupBy(x => x.ServiceId)
            .Select(g => (Id: g.Key, Distance: g.Min(x => PostcodeDirectory.DistanceKm(o.Lat, o.Lon, x.Latitude, x.Longitude))))
            .Where(x => x.Distance <= radius)
            .OrderBy(x => x.Distance).ThenBy(x => x.Id)
            .ToList();
        var pageIds = near.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var ids = pageIds.Select(x => x.Id).ToList();
        var rowsById = await RowsAsync(ids, ct);
        return new DirectoryPage(pageIds.Select(x => ToResult(rowsById[x.Id], x.Distance)).ToList(), near.Count, page, PageSize);
    }

    /// <summary>
    /// Services open to someone with <paramref name="code"/>: those with no term of the taxonomy (for anyone) and those
    /// tagged with that term. The terms are the same in every directory, so no lookup is needed.
    /// </summary>
    private static IQueryable<CommunityService> OnlyEligible(IQueryable<CommunityService> services, string taxonomy, string? code, string field, string unknown)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return services;
        }
        var terms = Eligibility.Terms.Where(t => t.Taxonomy == taxonomy).ToList();
        if (terms.FirstOrDefault(t => t.Code == code.Trim()) is not { } chosen)
        {
            throw new ValidationFailedException([new FieldError(field, unknown)]);
        }
        var restricting = terms.Select(t => t.Id).ToList();
        var id = chosen.Id;
        return services.Where(s => !s.Taxonomy.Any(t => restricting.Contains(t.TermId)) || s.Taxonomy.Any(t => t.TermId == id));
    }

    private (DayOfWeek, TimeOnly) Now()
    {
        var uk = UkTime.ToUk(clock.GetUtcNow());
        return (uk.DayOfWeek, TimeOnly.FromTimeSpan(uk.TimeOfDay));
    }

    private sealed record Row(
        Guid Id, string Name, string Organisation, string? Phone, string? Email, string? Url, bool IsFree, string? Fees,
        ServiceAvailability Availability, DateOnly? ReopensOn, List<Place> Locations, List<Hours> Times);

    private sealed record Place(string Name, string Postcode, double Latitude, double Longitude);

    private sealed record Hours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

    /// <summary>The whole records of the services on the page.</summary>
    private async Task<Dictionary<Guid, Row>> RowsAsync(List<Guid> ids, CancellationToken ct)
    {
        var rows = Project(db.CommunityServices.AsNoTracking().Where(s => ids.Contains(s.Id)));
        // Split on SQLite: as one query it would build the whole locations join before filtering it to the page's
        // services. PostgreSQL filters first, so one round trip is cheaper there.
        return (await (db.Database.IsSqlite() ? rows.AsSplitQuery() : rows.AsSingleQuery()).ToListAsync(ct)).ToDictionary(r => r.Id);
    }

    private IQueryable<Row> Project(IQueryable<CommunityService> services) =>
        services.Select(s => new Row(
            s.Id, s.Name,
            db.Organisations.Where(o => o.Id == s.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? "",
            s.Phone, s.Email, s.Url, s.IsFree, s.FeesDescription, s.Availability, s.ReopensOn,
            s.Locations.Select(l => new Place(l.Location.Name, l.Location.Postcode, l.Location.Latitude, l.Location.Longitude)).ToList(),
            s.OpeningTimes.Select(t => new Hours(t.Day, t.Opens, t.Closes)).ToList()));

    private DirectoryResult ToResult(Row r, double? distance) => new(
        r.Id, r.Name, r.Organisation, distance,
        r.Locations.FirstOrDefault() is { } p ? $"{p.Name}, {p.Postcode}" : null,
        NextOpening(r.Times),
        r.IsFree ? "Free" : r.Fees ?? "There is a charge",
        r.Phone, r.Email, r.Url, r.Availability, r.ReopensOn);

    /// <summary>"Open now until 4pm", "Today from 2pm to 4pm", "Tuesday from 10am to 12pm".</summary>
    private string? NextOpening(List<Hours> times)
    {
        if (times.Count == 0)
        {
            return null;
        }
        var (today, now) = Now();
        for (var offset = 0; offset < 8; offset++)
        {
            var day = (DayOfWeek)(((int)today + offset) % 7);
            foreach (var t in times.Where(t => t.Day == day).OrderBy(t => t.Opens))
            {
                if (offset == 0 && t.Opens <= now && t.Closes > now)
                {
                    return $"Open now until {Clock(t.Closes)}";
                }
                if (offset > 0 || t.Opens > now)
                {
                    var name = offset == 0 ? "Today" : offset == 1 ? "Tomorrow" : day.ToString();
                    return $"{name} from {Clock(t.Opens)} to {Clock(t.Closes)}";
                }
            }
        }
        return null;
    }

    /// <summary>NHS.UK style times: "9am", "2:30pm", "12pm".</summary>
    public static string Clock(TimeOnly t)
    {
        var hour = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        var minutes = t.Minute == 0 ? "" : ":" + t.Minute.ToString("00", CultureInfo.InvariantCulture);
        return $"{hour}{minutes}{(t.Hour < 12 ? "am" : "pm")}";
    }
}
