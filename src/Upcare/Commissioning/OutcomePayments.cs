using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Organisations;
using Upcare.Outcomes;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.Commissioning;

/// <summary>What a commissioner types to set up an outcomes contract.</summary>
public sealed class ContractForm
{
    public string? Name { get; set; }
    public Guid? ProviderId { get; set; }
    public DateParts From { get; set; } = new();
    public DateParts To { get; set; } = new();
    public string? WellbeingTariff { get; set; }
    public string? WellbeingCap { get; set; }
    public string? AdmissionTariff { get; set; }
    public string? AdmissionCap { get; set; }
    public string? TotalCap { get; set; }
}

/// <summary>One anonymised case and the outcome it met, for an auditor to check.</summary>
public sealed record Evidence(string CaseId, string Outcome, string Detail);

/// <summary>What an outcomes contract pays for its period, and why.</summary>
public sealed record PaymentCalculation(
    OutcomeContract Contract, string Provider, int Cohort,
    int WellbeingMet, int WellbeingPaid, long WellbeingPence,
    decimal CohortAdmissionsPerPerson, int Comparison, decimal ComparisonAdmissionsPerPerson, int AdmissionsAvoided, int AdmissionsPaid, long AdmissionsPence,
    long BeforeTotalCapPence, long PayablePence, IReadOnlyList<Evidence> Evidence);

/// <summary>
/// Outcome-based payments: secondary-care activity imported from CSV, outcomes contracts, and what each contract pays
/// for its period — wellbeing outcomes per person, admissions avoided against a comparison group — capped, with the
/// anonymised cases behind each payment.
/// </summary>
public class OutcomePayments(UpcareDbContext db, CurrentUser user, InstrumentCatalogue instruments, ServiceUse.ServiceUseFigures serviceUse, TimeProvider clock)
{
    /// <summary>Imports activity with the header <c>nhs_number,date,kind,count</c> (kind: Admission, EmergencyAttendance, BedDays).</summary>
    public async Task<(int Loaded, IReadOnlyList<string> Refused)> ImportActivityCsvAsync(TextReader csv, CancellationToken ct = default)
    {
        var header = (await csv.ReadLineAsync(ct))?.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList() ?? [];
        string[] needed = ["nhs_number", "date", "kind", "count"];
        if (needed.FirstOrDefault(n => !header.Contains(n)) is { } missing)
        {
            return (0, [$"The first line must name the columns nhs_number,date,kind,count ({missing} is missing)"]);
        }
        var lines = new List<(int Line, string Nhs, string Date, string Kind, string Count)>();
        var number = 1;
        while (await csv.ReadLineAsync(ct) is { } text)
        {
            number++;
            var cells = text.Split(',').Select(c => c.Trim()).ToArray();
            string Cell(string name) => header.IndexOf(name) is var i && i < cells.Length ? cells[i] : "";
            lines.Add((number, Cell("nhs_number").Replace(" ", ""), Cell("date"), Cell("kind"), Cell("count")));
        }
        var numbers = lines.Select(l => l.Nhs).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => numbers.Contains(p.NhsNumber)).ToDictionaryAsync(p => p.NhsNumber, p => p.Id, ct);
        var refused = new List<string>();
        var loaded = 0;
        foreach (var l in lines)
        {
            var problems = new List<string>();
            if (!people.TryGetValue(l.Nhs, out var personId)) problems.Add("no one with that NHS number");
            if (!DateOnly.TryParseExact(l.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on)) problems.Add("the date must be yyyy-mm-dd");
            if (!Enum.TryParse<ActivityKind>(l.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind)) problems.Add("kind must be Admission, EmergencyAttendance or BedDays");
            if (!int.TryParse(l.Count, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 365) problems.Add("count must be a whole number from 1 to 365");
            if (problems.Count > 0)
            {
                refused.Add($"Line {l.Line}: {string.Join("; ", problems)}");
                continue;
            }
            db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = personId, On = on, Kind = kind, Count = count });
            loaded++;
        }
        await db.SaveChangesAsync(ct);
        return (loaded, refused);
    }

    /// <summary>The demo's made-up hospital activity: about one person in ten has an admission or an A&amp;E visit in the last two years.</summary>
    public async Task SeedSyntheticAsync(int seed, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var today = UkTime.Today(clock);
        foreach (var personId in await db.People.AsNoTracking().OrderBy(p => p.NhsNumber).Select(p => p.Id).ToListAsync(ct))
        {
            if (random.NextDouble() < 0.1)
            {
                var on = today.AddDays(-random.Next(1, 730));
                db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = personId, On = on, Kind = ActivityKind.Admission, Count = 1 });
                db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = personId, On = on, Kind = ActivityKind.BedDays, Count = random.Next(1, 8) });
            }
            if (random.NextDouble() < 0.12)
            {
                db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = personId, On = today.AddDays(-random.Next(1, 730)), Kind = ActivityKind.EmergencyAttendance, Count = 1 });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    public Task<bool> AnyActivityAsync(CancellationToken ct = default) => db.ActivityRecords.AnyAsync(ct);

    /// <summary>Works out what the contract pays now and keeps it as a new statement; null when there is no such contract.</summary>
    public async Task<PaymentStatement?> RecalculateAsync(Guid contractId, CancellationToken ct = default)
    {
        if (await CalculateAsync(contractId, ct) is not { } calculation)
        {
            return null;
        }
        var statement = new PaymentStatement
        {
            Id = Guid.NewGuid(), ContractId = contractId, CalculatedAt = clock.GetUtcNow().UtcDateTime, CalculatedByName = user.Name,
            PayablePence = calculation.PayablePence, Cohort = calculation.Cohort, Calculation = JsonSerializer.Serialize(calculation),
        };
        db.PaymentStatements.Add(statement);
        await db.SaveChangesAsync(ct);
        return statement;
    }

    /// <summary>The contract's statements, newest first, without their calculations.</summary>
    public Task<List<PaymentStatement>> StatementsAsync(Guid contractId, CancellationToken ct = default) =>
        db.PaymentStatements.AsNoTracking().Where(s => s.ContractId == contractId).OrderByDescending(s => s.CalculatedAt)
            .Select(s => new PaymentStatement { Id = s.Id, ContractId = s.ContractId, CalculatedAt = s.CalculatedAt, CalculatedByName = s.CalculatedByName, PayablePence = s.PayablePence, Cohort = s.Cohort })
            .ToListAsync(ct);

    /// <summary>One statement's calculation as it was worked out; the latest when no statement is named.</summary>
    public async Task<(PaymentStatement Statement, PaymentCalculation Calculation)?> StatementAsync(Guid contractId, Guid? statementId = null, CancellationToken ct = default)
    {
        var statements = db.PaymentStatements.AsNoTracking().Where(s => s.ContractId == contractId);
        var statement = statementId is { } id ? await statements.FirstOrDefaultAsync(s => s.Id == id, ct) : await statements.OrderByDescending(s => s.CalculatedAt).FirstOrDefaultAsync(ct);
        return statement is null ? null : (statement, JsonSerializer.Deserialize<PaymentCalculation>(statement.Calculation)!);
    }

    public Task<OutcomeContract?> ContractAsync(Guid contractId, CancellationToken ct = default) =>
        db.OutcomeContracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contractId, ct);

    public Task<List<OutcomeContract>> ContractsAsync(CancellationToken ct = default) =>
        db.OutcomeContracts.AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(ct);

    public Task<List<Organisation>> ProvidersAsync(CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.PrimaryCareNetwork).OrderBy(o => o.Name).ToListAsync(ct);

    public async Task<OutcomeContract> SaveAsync(ContractForm form, CancellationToken ct = default)
    {
        var v = new Validation();
        var name = v.Required(nameof(form.Name), form.Name, "Enter a name for the contract", 200, "Name");
        if (form.ProviderId is not { } provider || !await db.Organisations.AnyAsync(o => o.Id == provider && o.Kind == OrganisationKind.PrimaryCareNetwork, ct))
        {
            v.Add(nameof(form.ProviderId), "Select the provider (the primary care network's social prescribing service)");
        }
        DateOnly from = default, to = default;
        if (!form.From.TryParse("Start of the period", out from, out var e1)) v.Add(nameof(form.From), e1!);
        if (!form.To.TryParse("End of the period", out to, out var e2)) v.Add(nameof(form.To), e2!);
        else if (to < from) v.Add(nameof(form.To), "End of the period must be after its start");
        long Pounds(string field, string? text)
        {
            if (!PersonalBudgets.Money.TryParsePence(text, out var pence, out var error)) v.Add(field, error!);
            return pence;
        }
        int? Cap(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0) return n;
            v.Add(field, "Enter the cap as a whole number of outcomes, or leave it empty");
            return null;
        }
        var wellbeing = Pounds(nameof(form.WellbeingTariff), form.WellbeingTariff);
        var wellbeingCap = Cap(nameof(form.WellbeingCap), form.WellbeingCap);
        var admission = Pounds(nameof(form.AdmissionTariff), form.AdmissionTariff);
        var admissionCap = Cap(nameof(form.AdmissionCap), form.AdmissionCap);
        long? totalCap = string.IsNullOrWhiteSpace(form.TotalCap) ? null : Pounds(nameof(form.TotalCap), form.TotalCap);
        v.ThrowIfInvalid();
        var contract = new OutcomeContract
        {
            Id = Guid.NewGuid(), Name = name!, ProviderId = form.ProviderId!.Value, From = from, To = to, WellbeingTariffPence = wellbeing, WellbeingCap = wellbeingCap,
            AdmissionTariffPence = admission, AdmissionCap = admissionCap, TotalCapPence = totalCap, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByName = user.Name,
        };
        db.OutcomeContracts.Add(contract);
        await db.SaveChangesAsync(ct);
        await RecalculateAsync(contract.Id, ct);
        return contract;
    }

    private static string CaseId(Guid contract, Guid person) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{contract}:{person}")))[..10];

    /// <summary>
    /// The cohort is everyone the provider received a social prescribing referral for in the period (from their first).
    /// Wellbeing: SWEMWBS improved by at least the configured meaningful change (2.87) between the first answer around the
    /// referral (30 days either side) and one 5 to 7 months after it. Admissions: emergency admissions per person in the
    /// 12 months after referral, against people at the provider's practices never referred, over the 12 months from the
    /// period's start; admissions avoided = (comparison rate − cohort rate) × cohort size, rounded down.
    /// </summary>
    public async Task<PaymentCalculation?> CalculateAsync(Guid contractId, CancellationToken ct = default)
    {
        if (await db.OutcomeContracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contractId, ct) is not { } contract)
        {
            return null;
        }
        var provider = await db.Organisations.AsNoTracking().Where(o => o.Id == contract.ProviderId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var (start, end) = (UkTime.StartOfDayUtc(contract.From), UkTime.StartOfDayUtc(contract.To.AddDays(1)));
        var cohort = (await db.SocialPrescribingReferrals.AsNoTracking().Where(r => r.PcnId == contract.ProviderId && r.ReceivedAt >= start && r.ReceivedAt < end)
                .Select(r => new { r.PersonId, r.ReceivedAt }).ToListAsync(ct))
            .GroupBy(r => r.PersonId).Select(g => (PersonId: g.Key, Referred: g.Min(r => r.ReceivedAt))).ToList();
        var ids = cohort.Select(c => c.PersonId).ToList();
        var evidence = new List<Evidence>();

        var threshold = instruments.MeaningfulChangeFor("swemwbs", "metric") ?? 2.87m;
        var scores = ids.Count == 0 ? [] : await db.MeasureResponses.AsNoTracking()
            .Where(r => ids.Contains(r.PersonId) && r.InstrumentCode == "swemwbs" && r.Status == ResponseStatus.Completed)
            .Join(db.MeasureScores.Where(s => s.Code == "metric"), r => r.Id, s => s.ResponseId, (r, s) => new { r.PersonId, At = r.CompletedAt!.Value, s.Value })
            .ToListAsync(ct);
        var scoresOf = scores.ToLookup(s => s.PersonId);
        var wellbeingMet = 0;
        foreach (var (personId, referred) in cohort)
        {
            var mine = scoresOf[personId].OrderBy(s => s.At).ToList();
            var before = mine.FirstOrDefault(s => s.At >= referred.AddDays(-30) && s.At <= referred.AddDays(30));
            var after = mine.LastOrDefault(s => s.At >= referred.AddMonths(5) && s.At <= referred.AddMonths(7));
            if (before is not null && after is not null && after.Value - before.Value >= threshold)
            {
                wellbeingMet++;
                evidence.Add(new Evidence(CaseId(contract.Id, personId), "Wellbeing at 6 months", $"SWEMWBS {before.Value:0.00} → {after.Value:0.00} ({after.Value - before.Value:+0.00})"));
            }
        }
        var wellbeingPaid = contract.WellbeingCap is { } wc ? Math.Min(wellbeingMet, wc) : wellbeingMet;

        var cohortActivity = ids.Count == 0 ? [] : await db.ActivityRecords.AsNoTracking().Where(a => ids.Contains(a.PersonId) && a.Kind == ActivityKind.Admission)
            .Select(a => new { a.PersonId, a.On, a.Count }).ToListAsync(ct);
        var activityOf = cohortActivity.ToLookup(a => a.PersonId);
        var cohortAdmissions = 0;
        foreach (var (personId, referred) in cohort)
        {
            var from = DateOnly.FromDateTime(referred);
            var admissions = activityOf[personId].Where(a => a.On >= from && a.On < from.AddYears(1)).Sum(a => a.Count);
            cohortAdmissions += admissions;
            evidence.Add(new Evidence(CaseId(contract.Id, personId), "In the admissions cohort", $"{admissions} emergency admissions in the 12 months after referral"));
        }
        // What changed in their use of GP and hospital services, for those who finished at least 3 months ago: evidence, not paid for.
        foreach (var use in await serviceUse.ForPeopleAsync(ids, 3, ct))
        {
            evidence.Add(new Evidence(CaseId(contract.Id, use.PersonId), "Use of services, 3 months before referral and after discharge",
                string.Join("; ", use.Rows.Select(r => $"{r.Label} {r.Before} → {r.After}"))));
        }
        var practices = db.Organisations.Where(o => o.ParentId == contract.ProviderId).Select(o => o.Id);
        var comparison = db.People.AsNoTracking().Where(p => p.GpPracticeId != null && practices.Contains(p.GpPracticeId.Value) && !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id));
        var comparisonSize = await comparison.CountAsync(ct);
        var (windowFrom, windowTo) = (contract.From, contract.From.AddYears(1));
        // Read from the (kind, date, person, count) index alone, then matched to the comparison group.
        var comparisonAdmissions = await db.ActivityRecords.Where(a => a.Kind == ActivityKind.Admission && a.On >= windowFrom && a.On < windowTo && comparison.Any(p => p.Id == a.PersonId))
            .SumAsync(a => (int?)a.Count, ct) ?? 0;
        var cohortRate = cohort.Count == 0 ? 0 : (decimal)cohortAdmissions / cohort.Count;
        var comparisonRate = comparisonSize == 0 ? 0 : (decimal)comparisonAdmissions / comparisonSize;
        var avoided = comparisonSize == 0 ? 0 : (int)Math.Max(0, Math.Floor((comparisonRate - cohortRate) * cohort.Count));
        var admissionsPaid = contract.AdmissionCap is { } ac ? Math.Min(avoided, ac) : avoided;

        var wellbeingPence = wellbeingPaid * contract.WellbeingTariffPence;
        var admissionsPence = admissionsPaid * contract.AdmissionTariffPence;
        var total = wellbeingPence + admissionsPence;
        return new PaymentCalculation(contract, provider, cohort.Count, wellbeingMet, wellbeingPaid, wellbeingPence,
            Math.Round(cohortRate, 3), comparisonSize, Math.Round(comparisonRate, 3), avoided, admissionsPaid, admissionsPence,
            total, contract.TotalCapPence is { } cap ? Math.Min(total, cap) : total, evidence.OrderBy(e => e.Outcome).ThenBy(e => e.CaseId).ToList());
    }
}
