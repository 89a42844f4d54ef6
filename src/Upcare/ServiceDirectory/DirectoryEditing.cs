using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.ServiceDirectory;

/// <summary>One recorded change to a service: who, when, and which parts.</summary>
public class ServiceEdit
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";
    public DateTime At { get; set; }
    public string Summary { get; set; } = "";
}

/// <summary>Table mapping for service edits.</summary>
public class ServiceEditConfiguration : IEntityTypeConfiguration<ServiceEdit>
{
    public void Configure(EntityTypeBuilder<ServiceEdit> b)
    {
        b.ToTable("ServiceEdits");
        b.Property(e => e.UserName).HasMaxLength(200);
        b.Property(e => e.Summary).HasMaxLength(1000);
        b.HasIndex(e => new { e.ServiceId, e.At });
        b.HasOne<CommunityService>().WithMany().HasForeignKey(e => e.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>What a VCSE worker enters for one of their services.</summary>
public sealed class ServiceDetails
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Url { get; set; }
    public string? MinimumAge { get; set; }
    public string? MaximumAge { get; set; }
    public string? EligibilityDescription { get; set; }
    /// <summary>False unless ticked: an unticked box posts nothing, so the default must be the unticked answer.</summary>
    public bool IsFree { get; set; }
    public string? FeesDescription { get; set; }
    public bool InPerson { get; set; }
    public bool Online { get; set; }
    public bool ByPhone { get; set; }
    public List<string> Needs { get; set; } = [];

    /// <summary>Codes of the conditions it is only for (<see cref="Eligibility.Conditions"/>); none means anyone.</summary>
    public List<string> Conditions { get; set; } = [];

    /// <summary>Codes of the genders it is only for (<see cref="Eligibility.Genders"/>); none means anyone.</summary>
    public List<string> Genders { get; set; } = [];

    public ServiceAvailability Availability { get; set; }
    public DateParts ReopensOn { get; set; } = new();
    public string? LocationName { get; set; }
    public string? AddressLine1 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }

    /// <summary>Opening hours by day ("Monday" → "10:00", "13:00"); both empty means closed that day.</summary>
    public Dictionary<string, string?> Opens { get; set; } = [];
    public Dictionary<string, string?> Closes { get; set; } = [];

    public static ServiceDetails From(CommunityService s)
    {
        var location = s.Locations.FirstOrDefault()?.Location;
        return new ServiceDetails
        {
            Name = s.Name, Description = s.Description, Phone = s.Phone, Email = s.Email, Url = s.Url,
            MinimumAge = s.MinimumAge?.ToString(CultureInfo.InvariantCulture), MaximumAge = s.MaximumAge?.ToString(CultureInfo.InvariantCulture),
            EligibilityDescription = s.EligibilityDescription,
            Conditions = EligibilityCodes(s, Eligibility.ConditionsTaxonomy),
            Genders = EligibilityCodes(s, Eligibility.GenderTaxonomy),
            IsFree = s.IsFree, FeesDescription = s.FeesDescription,
            InPerson = s.InPerson, Online = s.Online, ByPhone = s.ByPhone, Availability = s.Availability,
            ReopensOn = s.ReopensOn is { } d ? new DateParts { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) } : new DateParts(),
            LocationName = location?.Name, AddressLine1 = location?.AddressLine1, Town = location?.Town, Postcode = location?.Postcode,
            Opens = s.OpeningTimes.GroupBy(o => o.Day).ToDictionary(g => g.Key.ToString(), g => (string?)g.Min(o => o.Opens).ToString("HH:mm", CultureInfo.InvariantCulture)),
            Closes = s.OpeningTimes.GroupBy(o => o.Day).ToDictionary(g => g.Key.ToString(), g => (string?)g.Max(o => o.Closes).ToString("HH:mm", CultureInfo.InvariantCulture)),
        };
    }

    private static List<string> EligibilityCodes(CommunityService s, string taxonomy) =>
        Eligibility.Terms.Where(t => t.Taxonomy == taxonomy && s.Taxonomy.Any(x => x.TermId == t.Id)).Select(t => t.Code).ToList();
}

/// <summary>
/// A VCSE worker keeps their own organisation's services up to date: details, who can use them, where, when, the needs
/// they meet, and whether they are full or paused. Every change is recorded with who and when; a second editor is refused.
/// </summary>
public class DirectoryEditing(UpcareDbContext db, CurrentUser user, PostcodeDirectory postcodes, TimeProvider clock)
{
    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private Guid Organisation => user.OrganisationId ?? throw new UnauthorizedAccessException("This account works for no organisation");

    public Task<List<CommunityService>> OwnServicesAsync(CancellationToken ct = default) =>
        db.CommunityServices.AsNoTracking().Where(s => s.OrganisationId == Organisation && s.Status != ServiceStatus.Defunct).OrderBy(s => s.Name).ToListAsync(ct);

    /// <summary>One of the organisation's own services; another organisation's is "not found".</summary>
    public Task<CommunityService?> OwnServiceAsync(Guid id, CancellationToken ct = default) =>
        db.CommunityServices.AsNoTracking().AsSplitQuery().Include(s => s.Locations).ThenInclude(l => l.Location).Include(s => s.OpeningTimes).Include(s => s.Taxonomy)
            .FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == Organisation, ct);

    public Task<List<ServiceEdit>> HistoryAsync(Guid id, CancellationToken ct = default) =>
        db.ServiceEdits.AsNoTracking().Where(e => e.ServiceId == id).OrderByDescending(e => e.At).Take(20).ToListAsync(ct);

    /// <summary>Saves the details (creating the service when <paramref name="id"/> is null); refuses a stale <paramref name="version"/>.</summary>
    public async Task<CommunityService> SaveAsync(Guid? id, int version, ServiceDetails d, CancellationToken ct = default)
    {
        var v = new Validation();
        var name = v.Required("Name", d.Name, "Enter the name of the service", 200, "Name");
        var description = v.Optional("Description", d.Description, 4000, "Description");
        var phone = v.Optional("Phone", d.Phone, 40, "Phone number");
        var email = v.Optional("Email", d.Email, 254, "Email address");
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            v.Add("Email", "Enter an email address in the correct format, like name@example.org");
        }
        var url = v.Optional("Url", d.Url, 400, "Website");
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
        {
            v.Add("Url", "Enter the website address in full, starting https://");
        }
        int? Age(string field, string? text, string label)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (int.TryParse(text, out var a) && a is >= 0 and <= 120)
            {
                return a;
            }
            v.Add(field, $"{label} must be a whole number from 0 to 120");
            return null;
        }
        var min = Age("MinimumAge", d.MinimumAge, "Youngest age");
        var max = Age("MaximumAge", d.MaximumAge, "Oldest age");
        if (min is not null && max is not null && min > max)
        {
            v.Add("MaximumAge", "Oldest age must be the same as or more than the youngest age");
        }
        var eligibility = v.Optional("EligibilityDescription", d.EligibilityDescription, 1000, "Who can use it");
        var fees = d.IsFree ? null : v.Required("FeesDescription", d.FeesDescription, "Describe what it costs, for example '£2 a session'", 1000, "What it costs");
        if (!d.InPerson && !d.Online && !d.ByPhone)
        {
            v.Add("InPerson", "Select how people use the service: in person, online or by phone");
        }
        DateOnly? reopens = null;
        if (d.Availability != ServiceAvailability.TakingReferrals && !d.ReopensOn.IsEmpty)
        {
            if (!d.ReopensOn.TryParse("Date it re-opens", out var r, out var error))
            {
                v.Add("ReopensOn", error!);
            }
            else if (r <= UkTime.Today(clock))
            {
                v.Add("ReopensOn", "Date it re-opens must be in the future");
            }
            else
            {
                reopens = r;
            }
        }
        var hours = new List<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)>();
        foreach (var day in Week)
        {
            var opens = d.Opens.GetValueOrDefault(day.ToString());
            var closes = d.Closes.GetValueOrDefault(day.ToString());
            if (string.IsNullOrWhiteSpace(opens) && string.IsNullOrWhiteSpace(closes))
            {
                continue;
            }
            if (!TimeOnly.TryParseExact(opens?.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)
                || !TimeOnly.TryParseExact(closes?.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var c))
            {
                v.Add($"Opens[{day}]", $"Enter {day}'s opening and closing times in the 24-hour clock, like 09:30 and 14:00");
            }
            else if (c <= o)
            {
                v.Add($"Opens[{day}]", $"{day}'s closing time must be after its opening time");
            }
            else
            {
                hours.Add((day, o, c));
            }
        }
        (double Lat, double Lon)? position = null;
        if (d.InPerson)
        {
            v.Required("LocationName", d.LocationName, "Enter the name of the place, for example 'Elswick Community Centre'", 200, "Place");
            v.Required("AddressLine1", d.AddressLine1, "Enter the first line of the address", 200, "Address");
            v.Required("Town", d.Town, "Enter the town or city", 100, "Town or city");
            if (!Upcare.Shared.Postcode.IsValid(d.Postcode))
            {
                v.Add("Postcode", "Enter a real postcode, like NE4 6BE");
            }
            else if ((position = await postcodes.FindAsync(d.Postcode, ct)) is null)
            {
                v.Add("Postcode", "This postcode is not in the postcode directory, so people could not find the service by distance. Check it");
            }
        }
        var terms = await db.TaxonomyTerms.AsNoTracking().NeedsOnly().Where(t => d.Needs.Contains(t.Code)).ToListAsync(ct);
        if (terms.Count == 0)
        {
            v.Add("Needs", "Select at least one need the service helps with");
        }
        foreach (var (taxonomy, codes, field) in new[] { (Eligibility.GenderTaxonomy, d.Genders, "Genders"), (Eligibility.ConditionsTaxonomy, d.Conditions, "Conditions") })
        {
            var given = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
            var known = Eligibility.Terms.Where(t => t.Taxonomy == taxonomy && given.Contains(t.Code)).ToList();
            if (known.Count != given.Count)
            {
                v.Add(field, $"Choose {(field == "Conditions" ? "conditions" : "genders")} from the list");
            }
            terms.AddRange(known);
        }
        v.ThrowIfInvalid();

        var service = id is { } existingId
            ? await db.CommunityServices.Include(s => s.Locations).ThenInclude(l => l.Location).Include(s => s.OpeningTimes).Include(s => s.Taxonomy)
                .FirstOrDefaultAsync(s => s.Id == existingId && s.OrganisationId == Organisation, ct) ?? throw new KeyNotFoundException()
            : new CommunityService { Id = Guid.NewGuid(), OrganisationId = Organisation, Version = 0 };
        if (id is not null && service.Version != version)
        {
            throw new EditConflictException();
        }
        var before = id is null ? null : ServiceDetails.From(service);
        var needsBefore = service.Taxonomy.Select(t => t.TermId).Where(t => !Eligibility.IsEligibilityTerm(t)).ToHashSet();
        if (id is null)
        {
            db.CommunityServices.Add(service);
        }
        service.Name = name!;
        service.Description = description;
        service.Phone = phone;
        service.Email = email;
        service.Url = url;
        service.MinimumAge = min;
        service.MaximumAge = max;
        service.EligibilityDescription = eligibility;
        service.IsFree = d.IsFree;
        service.FeesDescription = fees;
        service.InPerson = d.InPerson;
        service.Online = d.Online;
        service.ByPhone = d.ByPhone;
        service.Availability = d.Availability;
        service.ReopensOn = d.Availability == ServiceAvailability.TakingReferrals ? null : reopens;
        db.OpeningTimes.RemoveRange(service.OpeningTimes);
        service.OpeningTimes.Clear();
        // Added through the set: a new row with its key already set, found only through a navigation, would be taken for an existing one.
        var times = hours.Select(h => new OpeningTime { Id = Guid.NewGuid(), ServiceId = service.Id, Day = h.Day, Opens = h.Opens, Closes = h.Closes }).ToList();
        db.OpeningTimes.AddRange(times);
        service.OpeningTimes.AddRange(times);
        // Only the differences: removing and re-adding the same (service, term) key would collide in the change tracker.
        var wanted = terms.Select(t => t.Id).ToHashSet();
        foreach (var gone in service.Taxonomy.Where(t => !wanted.Contains(t.TermId)).ToList())
        {
            service.Taxonomy.Remove(gone);
            db.ServiceTaxonomies.Remove(gone);
        }
        var added = wanted.Where(termId => service.Taxonomy.All(t => t.TermId != termId)).Select(termId => new ServiceTaxonomy { ServiceId = service.Id, TermId = termId }).ToList();
        db.ServiceTaxonomies.AddRange(added);
        service.Taxonomy.AddRange(added);
        if (d.InPerson && position is { } p)
        {
            var location = service.Locations.FirstOrDefault()?.Location;
            if (location is null)
            {
                location = new DirectoryLocation { Id = Guid.NewGuid(), OrganisationId = Organisation };
                db.DirectoryLocations.Add(location);
                var link = new ServiceAtLocation { Id = Guid.NewGuid(), ServiceId = service.Id, LocationId = location.Id };
                db.ServiceAtLocations.Add(link);
                service.Locations.Add(link);
            }
            (location.Name, location.AddressLine1, location.Town, location.Postcode, location.Latitude, location.Longitude) =
                (d.LocationName!.Trim(), d.AddressLine1!.Trim(), d.Town!.Trim(), Upcare.Shared.Postcode.Normalise(d.Postcode)!, p.Lat, p.Lon);
        }
        else if (!d.InPerson)
        {
            db.ServiceAtLocations.RemoveRange(service.Locations);
            service.Locations.Clear();
        }
        var organisationName = await db.Organisations.Where(o => o.Id == Organisation).Select(o => o.Name).FirstAsync(ct);
        service.SearchText = DirectorySearch.SearchTextOf(service, organisationName);
        service.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        service.UpdatedByUserId = user.Id;
        // Edited here: the organisation's own words now win over the directory it was imported from.
        service.ImportHash = null;
        service.ImportSource = null;
        service.Version++;
        db.ServiceEdits.Add(new ServiceEdit
        {
            Id = Guid.NewGuid(), ServiceId = service.Id, UserId = user.Id!.Value, UserName = user.Name, At = service.UpdatedAt,
            Summary = before is null ? "Added the service" : Changes(before, ServiceDetails.From(service), !needsBefore.SetEquals(service.Taxonomy.Select(t => t.TermId).Where(t => !Eligibility.IsEligibilityTerm(t)))),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException();
        }
        return service;
    }

    private static string Changes(ServiceDetails a, ServiceDetails b, bool needsChanged)
    {
        var changed = new List<string>();
        if (needsChanged)
        {
            changed.Add("what it helps with");
        }
        void Check(string label, object? x, object? y)
        {
            if (!Equals(x, y))
            {
                changed.Add(label);
            }
        }
        Check("name", a.Name, b.Name);
        Check("description", a.Description, b.Description);
        Check("contact details", $"{a.Phone}|{a.Email}|{a.Url}", $"{b.Phone}|{b.Email}|{b.Url}");
        Check("who can use it", $"{a.MinimumAge}|{a.MaximumAge}|{a.EligibilityDescription}|{string.Join(",", a.Conditions)}|{string.Join(",", a.Genders)}",
            $"{b.MinimumAge}|{b.MaximumAge}|{b.EligibilityDescription}|{string.Join(",", b.Conditions)}|{string.Join(",", b.Genders)}");
        Check("cost", $"{a.IsFree}|{a.FeesDescription}", $"{b.IsFree}|{b.FeesDescription}");
        Check("how it is delivered", $"{a.InPerson}{a.Online}{a.ByPhone}", $"{b.InPerson}{b.Online}{b.ByPhone}");
        Check("whether it is taking people on", $"{a.Availability}|{a.ReopensOn.Day}/{a.ReopensOn.Month}/{a.ReopensOn.Year}", $"{b.Availability}|{b.ReopensOn.Day}/{b.ReopensOn.Month}/{b.ReopensOn.Year}");
        Check("place", $"{a.LocationName}|{a.AddressLine1}|{a.Town}|{a.Postcode}", $"{b.LocationName}|{b.AddressLine1}|{b.Town}|{b.Postcode}");
        Check("opening times", string.Join(",", a.Opens.OrderBy(x => x.Key).Select(x => $"{x.Key}{x.Value}{a.Closes.GetValueOrDefault(x.Key)}")),
            string.Join(",", b.Opens.OrderBy(x => x.Key).Select(x => $"{x.Key}{x.Value}{b.Closes.GetValueOrDefault(x.Key)}")));
        return changed.Count == 0 ? "Saved with no changes" : "Changed " + string.Join(", ", changed);
    }
}
