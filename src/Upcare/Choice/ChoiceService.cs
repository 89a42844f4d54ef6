using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;
using Upcare.People;
using Upcare.ServiceDirectory;
using Upcare.Shared;

namespace Upcare.Choice;

/// <summary>What the clinician records when making a referral: the service, whether the right to choose applies, and the choice if made now.</summary>
public sealed class ChoiceForm
{
    public string? Service { get; set; }
    public bool? FirstConsultantLedOutpatient { get; set; }
    public bool MentalHealth { get; set; }
    public string? Exclusion { get; set; }
    public Guid? ChosenProviderId { get; set; }
    public string? Reason { get; set; }
}

/// <summary>What an import of providers did: how many added and changed, and each line refused with why.</summary>
public sealed record ProviderImport(int Added, int Changed, IReadOnlyList<string> Refused);

/// <summary>The share of referrals with the right to choose where choice was offered and where a choice was recorded.</summary>
public sealed record ChoiceFigures(string Practice, int Referrals, int WithRightToChoose, int Offered, int Chosen);

/// <summary>
/// Enabling choice: providers and their waits (imported from CSV, edited by administrators); at referral, whether the
/// legal right to choose applies; the providers shown with distance, wait and rating; the person's choice and reason,
/// made then or later from their own pages; and the figures.
/// </summary>
public class ChoiceService(UpcareDbContext db, PersonAccess access, PersonService people, PostcodeDirectory postcodes, TimeProvider clock, IOptions<ChoiceOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private CurrentUser User => access.User;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public IReadOnlyList<string> Exclusions => options.Value.Exclusions;

    public Task<List<string>> ServicesAsync(CancellationToken ct = default) =>
        db.ChoiceProviders.AsNoTracking().Select(p => p.Service).Distinct().OrderBy(s => s).ToListAsync(ct);

    public Task<List<ChoiceProvider>> ProvidersAsync(CancellationToken ct = default) =>
        db.ChoiceProviders.AsNoTracking().OrderBy(p => p.Service).ThenBy(p => p.Name).ToListAsync(ct);

    /// <summary>The providers of a service, nearest first (then shortest wait), with distance from the person's postcode where both are known.</summary>
    public async Task<List<ChoiceOption>> OptionsAsync(Guid personId, string service, CancellationToken ct = default)
    {
        var person = await people.GetAsync(personId, ct);
        var home = person?.Postcode is { } postcode ? await postcodes.FindAsync(postcode, ct) : null;
        var providers = await db.ChoiceProviders.AsNoTracking().Where(p => p.Service == service).ToListAsync(ct);
        return providers.Select(p => new ChoiceOption(p.Id, p.Name,
                home is { } h && p.Latitude is { } lat && p.Longitude is { } lon ? Math.Round(PostcodeDirectory.DistanceMiles(h.Latitude, h.Longitude, lat, lon), 1) : null,
                p.WaitingWeeks, p.QualityRating))
            .OrderBy(o => o.DistanceMiles ?? double.MaxValue).ThenBy(o => o.WaitingWeeks).ThenBy(o => o.Name).ToList();
    }

    public static IReadOnlyList<ChoiceOption> OptionsOf(ChoiceReferral referral) => JsonSerializer.Deserialize<List<ChoiceOption>>(referral.OptionsShown, Json) ?? [];

    public Task<List<ChoiceReferral>> ForPersonAsync(Guid personId, CancellationToken ct = default) =>
        db.ChoiceReferrals.AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);

    /// <summary>
    /// Records the referral's choice: with no right to choose, only that; with it, the providers shown (as they are now)
    /// and, if the person chose there and then, what and why. A clinician with a relationship only.
    /// </summary>
    public async Task<ChoiceReferral> OfferAsync(Guid personId, ChoiceForm form, CancellationToken ct = default)
    {
        if (User.Role != UserRole.Clinician || !(await access.DecideAsync(personId, AccessPurpose.Write, ct)).Allowed)
        {
            throw new UnauthorizedAccessException("Referrals are made by a clinician with a care relationship");
        }
        var v = new Validation();
        var services = await ServicesAsync(ct);
        if (form.Service is null || !services.Contains(form.Service))
        {
            v.Add(nameof(form.Service), "Select the service the person is referred to");
        }
        if (form.FirstConsultantLedOutpatient is null)
        {
            v.Add(nameof(form.FirstConsultantLedOutpatient), "Select whether this is a first consultant-led outpatient appointment");
        }
        var exclusion = string.IsNullOrWhiteSpace(form.Exclusion) ? null : form.Exclusion;
        if (exclusion is not null && !Exclusions.Contains(exclusion))
        {
            v.Add(nameof(form.Exclusion), "Select an exclusion from the list, or none");
        }
        v.ThrowIfInvalid();
        var right = form.FirstConsultantLedOutpatient == true && exclusion is null;
        var shown = right ? await OptionsAsync(personId, form.Service!, ct) : [];
        var referral = new ChoiceReferral
        {
            Id = Guid.NewGuid(), PersonId = personId, Service = form.Service!, MentalHealth = form.MentalHealth, FirstConsultantLedOutpatient = form.FirstConsultantLedOutpatient!.Value,
            Exclusion = exclusion, ClinicianUserId = User.Id!.Value, ClinicianName = User.Name, PracticeId = User.OrganisationId, CreatedAt = Now,
            Status = right ? ChoiceStatus.Offered : ChoiceStatus.NoRightToChoose, OptionsShown = JsonSerializer.Serialize(shown, Json), Version = 1,
        };
        if (right && form.ChosenProviderId is not null)
        {
            Choose(referral, shown, form.ChosenProviderId, form.Reason, byThePerson: false);
        }
        db.ChoiceReferrals.Add(referral);
        access.Stage(personId, "choice-offered", "POST /people/{id:guid}/choice/new", right ? $"{referral.Service}: {shown.Count} providers shown" + (referral.ChosenProviderName is { } chosen ? $"; chose {chosen}" : "") : $"{referral.Service}: no right to choose ({exclusion ?? "not a first consultant-led outpatient appointment"})");
        await db.SaveChangesAsync(ct);
        return referral;
    }

    private void Choose(ChoiceReferral referral, IReadOnlyList<ChoiceOption> shown, Guid? providerId, string? reason, bool byThePerson)
    {
        var v = new Validation();
        var option = shown.FirstOrDefault(o => o.ProviderId == providerId);
        if (option is null)
        {
            v.Add("ChosenProviderId", "Choose one of the providers shown");
        }
        var why = v.Required("Reason", reason, byThePerson ? "Tell us why you chose it, in your own words" : "Enter why they chose it, in their words", 1000, "Reason");
        v.ThrowIfInvalid();
        (referral.Status, referral.ChosenProviderId, referral.ChosenProviderName, referral.ChosenAt, referral.ChosenByThePerson, referral.Reason) =
            (ChoiceStatus.Chosen, option!.ProviderId, option.Name, Now, byThePerson, why);
    }

    /// <summary>The person makes their choice later, from their own pages, among the options they were shown.</summary>
    public async Task<ChoiceReferral> ChooseAsync(Guid personId, Guid referralId, Guid? providerId, string? reason, CancellationToken ct = default)
    {
        if (User.Role != UserRole.Person || User.PersonId != personId)
        {
            throw new UnauthorizedAccessException("Only the person makes their choice here");
        }
        var referral = await db.ChoiceReferrals.FirstOrDefaultAsync(r => r.Id == referralId && r.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        if (referral.Status != ChoiceStatus.Offered)
        {
            throw new ValidationFailedException([new FieldError("", referral.Status == ChoiceStatus.Chosen ? $"You already chose {referral.ChosenProviderName}" : "This referral has no choice of provider")]);
        }
        Choose(referral, OptionsOf(referral), providerId, reason, byThePerson: true);
        referral.Version++;
        access.Stage(personId, "choice-made", "POST /me/choices", $"{referral.Service}: {referral.ChosenProviderName}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException([new FieldError("", "Your choice was recorded from another page at the same moment. Check it below.")]);
        }
        return referral;
    }

    /// <summary>
    /// Imports providers from CSV with the header <c>name,ods_code,service,postcode,latitude,longitude,waiting_weeks,quality_rating</c>.
    /// A provider is matched by ODS code and service (its wait and rating are updated); a bad line is refused with why and the rest load.
    /// </summary>
    public async Task<ProviderImport> ImportCsvAsync(TextReader csv, CancellationToken ct = default)
    {
        var header = (await csv.ReadLineAsync(ct))?.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList() ?? [];
        string[] needed = ["name", "ods_code", "service", "postcode", "latitude", "longitude", "waiting_weeks", "quality_rating"];
        if (needed.FirstOrDefault(n => !header.Contains(n)) is { } missing)
        {
            return new ProviderImport(0, 0, [$"The first line must name the columns: {string.Join(",", needed)} ({missing} is missing)"]);
        }
        var refused = new List<string>();
        var (added, changed, number) = (0, 0, 1);
        var existing = await db.ChoiceProviders.ToListAsync(ct);
        while (await csv.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            string Cell(string name) => header.IndexOf(name) is var i && i < cells.Length ? cells[i] : "";
            var problems = new List<string>();
            var name = Cell("name");
            var ods = Cell("ods_code").ToUpperInvariant();
            var service = Cell("service");
            if (name.Length is 0 or > 200) problems.Add("a name of 1 to 200 characters is needed");
            if (ods.Length is < 3 or > 10) problems.Add("the ODS code must be 3 to 10 characters");
            if (service.Length is 0 or > 200) problems.Add("a service of 1 to 200 characters is needed");
            var postcode = Postcode.IsValid(Cell("postcode")) ? Postcode.Normalise(Cell("postcode")) : null;
            if (postcode is null) problems.Add($"\"{Cell("postcode")}\" is not a valid postcode");
            double? lat = null, lon = null;
            if (Cell("latitude").Length > 0 || Cell("longitude").Length > 0)
            {
                if (!double.TryParse(Cell("latitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var la) || la is < 49 or > 61
                    || !double.TryParse(Cell("longitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lo) || lo is < -9 or > 3)
                {
                    problems.Add("latitude and longitude must be numbers in the UK");
                }
                else
                {
                    (lat, lon) = (la, lo);
                }
            }
            if (!int.TryParse(Cell("waiting_weeks"), NumberStyles.None, CultureInfo.InvariantCulture, out var weeks) || weeks > 520)
            {
                problems.Add("waiting_weeks must be a whole number of weeks");
            }
            var rating = Cell("quality_rating");
            if (rating.Length > 50) problems.Add("quality_rating must be 50 characters or fewer");
            if (problems.Count > 0)
            {
                refused.Add($"Line {number}: {string.Join("; ", problems)}");
                continue;
            }
            var provider = existing.FirstOrDefault(p => p.OdsCode == ods && p.Service == service);
            if (provider is null)
            {
                provider = new ChoiceProvider { Id = Guid.NewGuid(), OdsCode = ods, Service = service };
                db.ChoiceProviders.Add(provider);
                existing.Add(provider);
                added++;
            }
            else
            {
                changed++;
            }
            (provider.Name, provider.Postcode, provider.Latitude, provider.Longitude, provider.WaitingWeeks, provider.QualityRating, provider.UpdatedAt, provider.UpdatedByName) =
                (name, postcode!, lat, lon, weeks, rating.Length == 0 ? "Not rated" : rating, Now, User.Name);
        }
        await db.SaveChangesAsync(ct);
        return new ProviderImport(added, changed, refused);
    }

    /// <summary>Changes a provider's current wait and rating.</summary>
    public async Task UpdateAsync(Guid providerId, string? waitingWeeks, string? rating, CancellationToken ct = default)
    {
        var provider = await db.ChoiceProviders.FirstOrDefaultAsync(p => p.Id == providerId, ct) ?? throw new KeyNotFoundException();
        var v = new Validation();
        if (!int.TryParse(waitingWeeks?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weeks) || weeks > 520)
        {
            v.Add($"Weeks-{providerId}", "Enter the wait as a whole number of weeks");
        }
        var words = v.Required($"Rating-{providerId}", rating, "Enter the quality rating, or Not rated", 50, "Rating");
        v.ThrowIfInvalid();
        (provider.WaitingWeeks, provider.QualityRating, provider.UpdatedAt, provider.UpdatedByName) = (weeks, words!, Now, User.Name);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>By practice: referrals, those with the right to choose, offered and chosen; small numbers are suppressed on the page.</summary>
    public async Task<List<ChoiceFigures>> FiguresAsync(CancellationToken ct = default)
    {
        var rows = await db.ChoiceReferrals.AsNoTracking()
            .GroupBy(r => r.PracticeId)
            .Select(g => new
            {
                Practice = g.Key,
                Referrals = g.Count(),
                Right = g.Count(r => r.Status != ChoiceStatus.NoRightToChoose),
                Offered = g.Count(r => r.Status != ChoiceStatus.NoRightToChoose && r.OptionsShown != "[]"),
                Chosen = g.Count(r => r.Status == ChoiceStatus.Chosen),
            }).ToListAsync(ct);
        var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return rows.Select(r => new ChoiceFigures(r.Practice is { } p && names.TryGetValue(p, out var n) ? n : "Practice not recorded", r.Referrals, r.Right, r.Offered, r.Chosen))
            .OrderBy(f => f.Practice).ToList();
    }

    public int SuppressBelow => options.Value.SuppressBelow;
}
