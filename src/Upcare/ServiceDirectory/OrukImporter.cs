using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Organisations;

namespace Upcare.ServiceDirectory;

/// <summary>What happened to one item of an import.</summary>
public enum ImportOutcome
{
    Added,
    Changed,
    Unchanged,
    Rejected,
}

/// <summary>One item of an import, what happened to it, and anything the importer could not keep or did not understand.</summary>
public sealed record ImportItem(string Kind, string Id, string Name, ImportOutcome Outcome, IReadOnlyList<string> Notes);

/// <summary>The result of an import, item by item.</summary>
public sealed record ImportReport(IReadOnlyList<ImportItem> Items)
{
    public int Count(ImportOutcome outcome) => Items.Count(i => i.Outcome == outcome);
}

/// <summary>
/// Loads Open Referral UK 3.0 documents into the directory: a service, a list page, an organisation with its services,
/// services at locations, or taxonomy terms — from a file, or by paging through another directory's /services API.
/// Each service is its own transaction, so a bad item is reported and the rest still load; importing the same data
/// again changes nothing. Parts Upcare does not keep are reported, never silently dropped. An import only creates
/// records or changes ones that came from the same source: it cannot rename a GP practice, move a service to another
/// organisation's care, or overwrite what an organisation wrote in Upcare.
/// </summary>
public class OrukImporter(UpcareDbContext db, OrganisationService organisations, TimeProvider clock)
{
    /// <summary>The source of every file import (files are chosen by an administrator); an API import's source is its address.</summary>
    public const string FileSource = "file";

    private static readonly string[] NotKept = ["service_areas", "languages", "funding", "accreditations", "assured_date", "assurer_email"];

    private string _source = FileSource;

    public async Task<ImportReport> ImportJsonAsync(string json, CancellationToken ct = default)
    {
        _source = FileSource;
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException e)
        {
            return new ImportReport([new ImportItem("file", "", "", ImportOutcome.Rejected, [$"The file is not JSON: {e.Message}"])]);
        }
        var items = new List<ImportItem>();
        foreach (var element in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList()
                 : root.TryGetProperty("contents", out var contents) && contents.ValueKind == JsonValueKind.Array ? contents.EnumerateArray().ToList()
                 : [root])
        {
            items.AddRange(await ImportElementAsync(element, ct));
        }
        return new ImportReport(items);
    }

    /// <summary>Pages through another directory's ORUK API (<c>{base}/services</c>), importing each service's full record.</summary>
    public async Task<ImportReport> ImportFromApiAsync(HttpClient http, string baseUrl, CancellationToken ct = default)
    {
        var items = new List<ImportItem>();
        var root = baseUrl.TrimEnd('/');
        _source = root;
        for (var page = 1; page <= ImportHttp.MaxPages; page++)
        {
            using var list = await ImportHttp.ReadJsonAsync(http, $"{root}/services?page={page}&per_page=100", ct);
            foreach (var summary in list.RootElement.GetProperty("contents").EnumerateArray())
            {
                var id = summary.GetProperty("id").GetString();
                try
                {
                    using var full = await ImportHttp.ReadJsonAsync(http, $"{root}/services/{Uri.EscapeDataString(id ?? "")}", ct);
                    items.Add(await ImportServiceAsync(full.RootElement, null, ct));
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
                {
                    // One message whatever went wrong, so an import cannot be used to probe what answers where.
                    items.Add(new ImportItem("service", id ?? "", Text(summary, "name") ?? "", ImportOutcome.Rejected, [ImportHttp.CouldNotRead]));
                }
            }
            if (!list.RootElement.TryGetProperty("last_page", out var last) || last.GetBoolean() || list.RootElement.GetProperty("contents").GetArrayLength() == 0)
            {
                break;
            }
        }
        return new ImportReport(items);
    }

    private async Task<List<ImportItem>> ImportElementAsync(JsonElement element, CancellationToken ct)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return [new ImportItem("item", "", "", ImportOutcome.Rejected, ["Not a JSON object"])];
        }
        if (element.TryGetProperty("services", out var services) && services.ValueKind == JsonValueKind.Array)
        {
            // An organisation with its services.
            var results = new List<ImportItem>();
            foreach (var service in services.EnumerateArray())
            {
                results.Add(await ImportServiceAsync(service, element, ct));
            }
            return results;
        }
        if (element.TryGetProperty("location", out _) && element.TryGetProperty("service", out var inner))
        {
            // A service at a location: the service, with this location among its places.
            return [await ImportServiceAsync(inner, null, ct, element)];
        }
        if (element.TryGetProperty("taxonomy_terms", out var terms))
        {
            var results = new List<ImportItem>();
            foreach (var term in terms.EnumerateArray())
            {
                results.Add(await ImportTermAsync(term, Text(element, "name"), ct));
            }
            return results;
        }
        if (!element.TryGetProperty("status", out _) && element.TryGetProperty("name", out _) && (element.TryGetProperty("taxonomy", out _) || element.TryGetProperty("term", out _)))
        {
            return [await ImportTermAsync(element, null, ct)];
        }
        if (!element.TryGetProperty("status", out _) && element.TryGetProperty("name", out _))
        {
            return [await ImportOrganisationAsync(element, ct)];
        }
        return [await ImportServiceAsync(element, null, ct)];
    }

    /// <summary>An organisation on its own (an organisation list's item): kept by id and name.</summary>
    private async Task<ImportItem> ImportOrganisationAsync(JsonElement o, CancellationToken ct)
    {
        var idText = Text(o, "id") ?? "";
        var name = Text(o, "name");
        if (!Guid.TryParse(idText, out var id) || string.IsNullOrWhiteSpace(name))
        {
            return new ImportItem("organization", idText, name ?? "", ImportOutcome.Rejected, [string.IsNullOrWhiteSpace(name) ? "name is missing" : "id is missing or not a UUID"]);
        }
        var existing = await db.Organisations.FirstOrDefaultAsync(x => x.Id == id, ct);
        var outcome = ImportOutcome.Unchanged;
        if (existing is not null && existing.ImportSource != _source)
        {
            db.ChangeTracker.Clear();
            return new ImportItem("organization", idText, name, existing.Name == name ? ImportOutcome.Unchanged : ImportOutcome.Rejected,
                existing.Name == name ? [] : [NotFromThisSource("organization", id)]);
        }
        if (existing is null)
        {
            db.Organisations.Add(new Organisation { Id = id, Code = "ORUK-" + id.ToString("N")[..15], Name = name, Kind = OrganisationKind.VcseOrganisation, ImportSource = _source });
            outcome = ImportOutcome.Added;
        }
        else if (existing.Name != name)
        {
            existing.Name = name;
            outcome = ImportOutcome.Changed;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        organisations.ForgetCached();
        var notes = new[] { "organization_identifiers", "logo", "website", "email" }.Where(p => o.TryGetProperty(p, out _)).Select(p => $"{p} is not kept by Upcare").ToList();
        return new ImportItem("organization", idText, name, outcome, outcome == ImportOutcome.Unchanged ? [] : notes);
    }

    private async Task<ImportItem> ImportTermAsync(JsonElement term, string? taxonomy, CancellationToken ct)
    {
        var idText = Text(term, "id") ?? "";
        var name = Text(term, "name") ?? Text(term, "term");
        if (!Guid.TryParse(idText, out var id) || name is null)
        {
            return new ImportItem("taxonomy term", idText, name ?? "", ImportOutcome.Rejected, [name is null ? "A taxonomy term needs a name" : "id is not a UUID"]);
        }
        var (outcome, _) = await UpsertTermAsync(term, id, taxonomy, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return outcome == ImportOutcome.Rejected
            ? new ImportItem("taxonomy term", idText, name, outcome, [NotFromThisSource("taxonomy term", id)])
            : new ImportItem("taxonomy term", idText, name, outcome, []);
    }

    private async Task<(ImportOutcome Outcome, TaxonomyTerm Term)> UpsertTermAsync(JsonElement t, Guid id, string? taxonomy, CancellationToken ct)
    {
        var name = Text(t, "name") ?? Text(t, "term") ?? "";
        var existing = await db.TaxonomyTerms.FirstOrDefaultAsync(x => x.Id == id, ct);
        var code = Text(t, "code") ?? id.ToString();
        var scheme = Text(t, "taxonomy") ?? taxonomy ?? "imported";
        var description = Text(t, "description");
        Guid? parent = Guid.TryParse(Text(t, "parent_id"), out var p) ? p : null;
        if (existing is null)
        {
            var term = new TaxonomyTerm { Id = id, Code = code, Name = name, Description = description, ParentId = parent, Taxonomy = scheme, ImportSource = _source };
            db.TaxonomyTerms.Add(term);
            return (ImportOutcome.Added, term);
        }
        if (existing.Name == name && existing.Code == code && existing.Description == description && existing.ParentId == parent && existing.Taxonomy == scheme)
        {
            return (ImportOutcome.Unchanged, existing);
        }
        if (existing.ImportSource != _source)
        {
            // Upcare's own term, or another directory's: it may be linked to, never rewritten.
            return (ImportOutcome.Rejected, existing);
        }
        (existing.Name, existing.Code, existing.Description, existing.ParentId, existing.Taxonomy) = (name, code, description, parent, scheme);
        return (ImportOutcome.Changed, existing);
    }

    /// <summary>One service in its own transaction: all of it is stored, or none of it.</summary>
    private async Task<ImportItem> ImportServiceAsync(JsonElement s, JsonElement? organisationElement, CancellationToken ct, JsonElement? atLocation = null)
    {
        var idText = Text(s, "id") ?? "";
        var name = Text(s, "name");
        var problems = new List<string>();
        if (!Guid.TryParse(idText, out var id))
        {
            problems.Add("id is missing or not a UUID");
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("name is missing");
        }
        ServiceStatus? status = Text(s, "status") switch
        {
            "active" => ServiceStatus.Active,
            "inactive" => ServiceStatus.Inactive,
            "defunct" => ServiceStatus.Defunct,
            "temporarily closed" => ServiceStatus.TemporarilyClosed,
            _ => null,
        };
        if (status is null)
        {
            problems.Add($"status '{Text(s, "status")}' is not one of active, inactive, defunct, temporarily closed");
        }
        var org = s.TryGetProperty("organization", out var o) && o.ValueKind == JsonValueKind.Object ? o : organisationElement;
        var orgIdText = org is { } oe ? Text(oe, "id") : Text(s, "organization_id");
        if (!Guid.TryParse(orgIdText, out var orgId))
        {
            problems.Add("the organization (organization.id or organization_id) is missing or not a UUID");
        }
        if (problems.Count > 0)
        {
            return new ImportItem("service", idText, name ?? "", ImportOutcome.Rejected, problems);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s.GetRawText() + (org?.GetRawText() ?? "") + (atLocation?.GetRawText() ?? ""))));
        var notes = new List<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var existing = await db.CommunityServices.Include(x => x.Locations).Include(x => x.OpeningTimes).Include(x => x.CostOptions).Include(x => x.Taxonomy)
                .FirstOrDefaultAsync(x => x.Id == id, ct);
            if (existing is not null && existing.ImportSource != _source)
            {
                return new ImportItem("service", idText, name!, ImportOutcome.Rejected, [NotFromThisSource("service", id)]);
            }
            if (existing?.ImportHash == hash)
            {
                return new ImportItem("service", idText, name!, ImportOutcome.Unchanged, []);
            }
            var organisationName = org is { } orgElement ? Text(orgElement, "name") : null;
            var organisationSource = await db.Organisations.Where(x => x.Id == orgId).Select(x => new { x.ImportSource }).FirstOrDefaultAsync(ct);
            if (organisationSource is null)
            {
                if (organisationName is null)
                {
                    return new ImportItem("service", idText, name!, ImportOutcome.Rejected, [$"organization {orgId} is not in the directory and the file does not describe it"]);
                }
                db.Organisations.Add(new Organisation { Id = orgId, Code = "ORUK-" + orgId.ToString("N")[..15], Name = organisationName, Kind = OrganisationKind.VcseOrganisation, ImportSource = _source });
            }
            else if (organisationSource.ImportSource != _source)
            {
                // Referrals to a service go to its organisation, with the person's details: an import cannot choose that organisation.
                return new ImportItem("service", idText, name!, ImportOutcome.Rejected,
                    [$"organization {orgId} is in Upcare but did not come from this source, so an import cannot give it services"]);
            }
            var service = existing ?? new CommunityService { Id = id, ImportSource = _source };
            if (existing is null)
            {
                db.CommunityServices.Add(service);
            }
            service.OrganisationId = orgId;
            service.Name = name!;
            service.Description = Text(s, "description");
            service.Url = WebAddress(Text(s, "url"), notes);
            service.Email = Text(s, "email");
            service.Status = status!.Value;
            service.MinimumAge = Int(s, "minimum_age");
            service.MaximumAge = Int(s, "maximum_age");
            service.FeesDescription = Text(s, "fees");
            service.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            service.UpdatedByUserId = null;
            service.ImportHash = hash;
            service.Version++;

            db.OpeningTimes.RemoveRange(service.OpeningTimes);
            service.OpeningTimes.Clear();
            foreach (var schedule in Array(s, "schedules"))
            {
                var days = (Text(schedule, "byday") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var opens = Time(schedule, "opens_at");
                var closes = Time(schedule, "closes_at");
                if (Text(schedule, "freq") != "WEEKLY" || days.Length == 0 || opens is null || closes is null)
                {
                    notes.Add($"schedule {Text(schedule, "id")} kept only as far as weekly days and hours go: {Text(schedule, "description") ?? "no description"}");
                    if (Text(schedule, "freq") != "WEEKLY" || opens is null || closes is null)
                    {
                        continue;
                    }
                }
                foreach (var code in days)
                {
                    if (OrukReader.DayCodes.FirstOrDefault(d => d.Code == code) is { Code: not null } day)
                    {
                        var time = new OpeningTime { Id = Guid.NewGuid(), ServiceId = id, Day = day.Day, Opens = opens.Value, Closes = closes.Value };
                        db.OpeningTimes.Add(time);
                        service.OpeningTimes.Add(time);
                    }
                }
                if (Text(schedule, "bymonthday") is { Length: > 0 })
                {
                    notes.Add($"schedule {Text(schedule, "id")}: bymonthday is not kept (weekly hours only)");
                }
            }

            db.CostOptions.RemoveRange(service.CostOptions);
            service.CostOptions.Clear();
            foreach (var cost in Array(s, "cost_options"))
            {
                var amount = Decimal(cost, "amount");
                var option = new CostOption
                {
                    Id = Guid.TryParse(Text(cost, "id"), out var cid) ? cid : Guid.NewGuid(),
                    ServiceId = id,
                    Option = Text(cost, "option"),
                    AmountPence = amount is { } pounds ? (long)Math.Round(pounds * 100) : null,
                    Description = Text(cost, "amount_description"),
                };
                db.CostOptions.Add(option);
                service.CostOptions.Add(option);
            }
            service.IsFree = service.CostOptions.All(c => c.AmountPence is null or 0) && string.IsNullOrWhiteSpace(service.FeesDescription);

            var oldLinks = service.Locations.ToList();
            service.Locations.Clear();
            var places = Array(s, "service_at_locations").ToList();
            if (atLocation is { } sal)
            {
                places.Add(sal);
            }
            foreach (var place in places)
            {
                if (!place.TryGetProperty("location", out var l) || !Guid.TryParse(Text(l, "id"), out var locationId))
                {
                    notes.Add($"service_at_location {Text(place, "id")} has no location with a UUID: not kept");
                    continue;
                }
                var address = Array(l, "addresses").FirstOrDefault();
                var location = await db.DirectoryLocations.FirstOrDefaultAsync(x => x.Id == locationId, ct)
                    ?? db.DirectoryLocations.Local.FirstOrDefault(x => x.Id == locationId);
                if (location is null)
                {
                    location = new DirectoryLocation { Id = locationId, ImportSource = _source };
                    db.DirectoryLocations.Add(location);
                }
                else if (location.ImportSource != _source)
                {
                    return new ImportItem("service", idText, name!, ImportOutcome.Rejected, [NotFromThisSource("location", locationId)]);
                }
                location.OrganisationId = orgId;
                location.Name = Text(l, "name") ?? "";
                location.Latitude = Double(l, "latitude") ?? 0;
                location.Longitude = Double(l, "longitude") ?? 0;
                location.AddressLine1 = address.ValueKind == JsonValueKind.Object ? Text(address, "address_1") ?? "" : "";
                location.Town = address.ValueKind == JsonValueKind.Object ? Text(address, "city") ?? "" : "";
                location.Postcode = address.ValueKind == JsonValueKind.Object ? Cut(Text(address, "postal_code") ?? "", 8) : "";
                if (Double(l, "latitude") is not { } lat || Math.Abs(lat) > 90 || Double(l, "longitude") is not { } lon || Math.Abs(lon) > 180)
                {
                    notes.Add($"location {locationId} has no valid latitude and longitude: it will not be found by distance");
                }
                if (service.Locations.All(x => x.LocationId != locationId))
                {
                    var link = oldLinks.FirstOrDefault(x => x.LocationId == locationId);
                    if (link is null)
                    {
                        link = new ServiceAtLocation { Id = Guid.TryParse(Text(place, "id"), out var salId) ? salId : Guid.NewGuid(), ServiceId = id, LocationId = locationId };
                        db.ServiceAtLocations.Add(link);
                    }
                    service.Locations.Add(link);
                }
            }
            db.ServiceAtLocations.RemoveRange(oldLinks.Where(x => !service.Locations.Contains(x)));
            service.InPerson = service.Locations.Count > 0;

            var oldTerms = service.Taxonomy.ToList();
            service.Taxonomy.Clear();
            foreach (var attribute in Array(s, "attributes"))
            {
                var termIdText = Text(attribute, "taxonomy_term_id") ?? (attribute.TryGetProperty("taxonomy_term", out var tt) ? Text(tt, "id") : null);
                if (!Guid.TryParse(termIdText, out var termId))
                {
                    notes.Add($"attribute {Text(attribute, "id")} names no taxonomy term with a UUID: not kept");
                    continue;
                }
                if (attribute.TryGetProperty("taxonomy_term", out var described) && described.ValueKind == JsonValueKind.Object)
                {
                    await UpsertTermAsync(described, termId, null, ct);
                }
                else if (!await db.TaxonomyTerms.AnyAsync(x => x.Id == termId, ct))
                {
                    notes.Add($"unknown taxonomy term {termId}: not in this directory and not described in the file, so not linked");
                    continue;
                }
                if (service.Taxonomy.All(x => x.TermId != termId))
                {
                    // Keep the existing link (same key) rather than delete and re-add it.
                    var link = oldTerms.FirstOrDefault(x => x.TermId == termId) ?? new ServiceTaxonomy { ServiceId = id, TermId = termId };
                    if (!oldTerms.Contains(link))
                    {
                        db.ServiceTaxonomies.Add(link);
                    }
                    service.Taxonomy.Add(link);
                }
            }
            db.ServiceTaxonomies.RemoveRange(oldTerms.Where(x => !service.Taxonomy.Contains(x)));
            foreach (var part in NotKept.Where(p => s.TryGetProperty(p, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                && !(v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0)))
            {
                notes.Add($"{part} is not kept by Upcare");
            }
            foreach (var contact in Array(s, "contacts"))
            {
                notes.Add($"contact {Text(contact, "name") ?? Text(contact, "id")} is not kept (Upcare keeps the service's email and website)");
            }
            service.SearchText = DirectorySearch.SearchTextOf(service, organisationName ?? await db.Organisations.Where(x => x.Id == orgId).Select(x => x.Name).FirstAsync(ct));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new ImportItem("service", idText, name!, existing is null ? ImportOutcome.Added : ImportOutcome.Changed, notes);
        }
        catch (DbUpdateException e)
        {
            await transaction.RollbackAsync(ct);
            return new ImportItem("service", idText, name!, ImportOutcome.Rejected, [$"Could not be stored: {e.InnerException?.Message ?? e.Message}"]);
        }
        finally
        {
            db.ChangeTracker.Clear();
            organisations.ForgetCached();
        }
    }

    private string NotFromThisSource(string kind, Guid id) =>
        $"{kind} {id} is already in Upcare and did not come from {(_source == FileSource ? "an imported file" : _source)} (or was changed in Upcare since): not changed";

    /// <summary>Only http and https links are kept: a javascript: or data: link would run in the browser of whoever clicks it.</summary>
    private static string? WebAddress(string? url, List<string> notes)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return url.Trim();
        }
        notes.Add("url is not an http or https address: not kept");
        return null;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static decimal? Decimal(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static TimeOnly? Time(JsonElement e, string name) =>
        Text(e, name) is { } t && TimeOnly.TryParse(t, CultureInfo.InvariantCulture, out var time) ? time : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];
}
