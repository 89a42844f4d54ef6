using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Data;
using Upcare.People;
using Upcare.PersonalBudgets;
using Upcare.SharedDecisions;
using Upcare.SocialPrescribing;
using Upcare.Shared;

namespace Upcare.Commissioning;

/// <summary>What a figure can be split by.</summary>
public enum Split
{
    Practice,
    ImdDecile,
    AgeBand,
    Sex,
    EthnicCategory,
    LongTermConditions,
}

/// <summary>One person receiving an intervention at a moment: the unit every reach figure counts (distinct people).</summary>
public sealed class PersonEvent
{
    public Intervention Intervention { get; init; }
    public Guid PersonId { get; init; }
    public DateTime At { get; init; }
}

/// <summary>How many distinct people received an intervention within one group of a split (or one month).</summary>
public sealed class ReachCount
{
    public Intervention Intervention { get; init; }
    public string Group { get; init; } = "";
    public int People { get; init; }
}

/// <summary>One group of a split, with the people who received each intervention.</summary>
public sealed record SplitRow(string Group, IReadOnlyDictionary<Intervention, int> People);

/// <summary>People reached in a period, in total, against the local target for the period, by month and by a split.</summary>
public sealed record ReachView(
    DateOnly From, DateOnly To, Split Split, IReadOnlyDictionary<Intervention, int> Totals, IReadOnlyDictionary<Intervention, int?> Targets,
    IReadOnlyList<SplitRow> ByMonth, IReadOnlyList<SplitRow> Rows);

/// <summary>Community referrals one organisation (or for one need, or for one group of people) received, and what became of them.</summary>
public sealed record DemandRow(string Group, int Received, int Accepted, int Declined, int Expired, int Waiting);

/// <summary>
/// VCSE demand and capacity: by organisation, by need, by a split of the people referred (when one is asked for), the
/// reasons for declining, and needs nobody accepted anyone for.
/// </summary>
public sealed record DemandView(IReadOnlyList<DemandRow> ByOrganisation, IReadOnlyList<DemandRow> ByNeed, IReadOnlyList<DemandRow> ByGroup,
    IReadOnlyList<(string Reason, int Count)> DeclineReasons, IReadOnlyList<string> Gaps);

/// <summary>
/// Paired before/after change on one score for people who finished a programme in the period: how many finished, how
/// many have both answers (the response rate shows missing follow-ups), the mean change, and how many changed meaningfully.
/// </summary>
public sealed record OutcomeRow(string Group, string Programme, string Measure, int Finished, int Paired, decimal? MeanChange, decimal? Threshold, int Improved)
{
    public decimal? ResponseRatePercent => Finished == 0 ? null : Math.Round(100m * Paired / Finished, 1);
}

/// <summary>Personal budget money by kind of funder and, when asked, by a split of the budget holders.</summary>
public sealed record BudgetMoneyFigures(IReadOnlyList<BudgetRow> ByFunder, IReadOnlyList<BudgetRow> ByGroup);

/// <summary>Personal budget money by kind of funder, or by a group of budget holders: allocated, spent, reclaimed (pence).</summary>
public sealed record BudgetRow(string Group, int Budgets, long Allocated, long Spent, long Reclaimed)
{
    public long Left => Allocated - Spent - Reclaimed;
}

/// <summary>
/// Figures for commissioners from the records the features already keep: never a name, never a small number (the page
/// suppresses counts under the threshold). Reach counts distinct people, split by practice, IMD decile (postcode via the
/// lookup), age band, sex or ethnic category; grouping is done by the database.
/// </summary>
public class CommissioningService(UpcareDbContext db, TimeProvider clock, IOptions<CommissioningOptions> options,
    Outcomes.InstrumentCatalogue instruments, IOptions<Coaching.CoachingOptions> coaching)
{
    /// <summary>The scores whose change commissioners follow (ONS4 life satisfaction, SWEMWBS, the first MYCaW concern).</summary>
    public static readonly (string Instrument, string Score, string Label)[] OutcomeMeasures =
    [
        ("ons4", "satisfied", "ONS4 life satisfaction"), ("swemwbs", "metric", "SWEMWBS (metric score)"), ("mycaw", "concern1-score", "MYCaW first concern"),
    ];

    /// <summary>Those, and the total of each recovery capital measure the organisation uses.</summary>
    public IReadOnlyList<(string Instrument, string Score, string Label)> FollowedMeasures =>
        [.. OutcomeMeasures, .. instruments.RecoveryCapital.Select(i => (i.Code, "total", i.ListName))];

    public int SuppressBelow => options.Value.SuppressBelow;

    public static readonly (string Label, int From, int To)[] AgeBands = [("0 to 17", 0, 17), ("18 to 39", 18, 39), ("40 to 64", 40, 64), ("65 to 79", 65, 79), ("80 and over", 80, 200)];

    public static string Describe(Intervention i) => i switch
    {
        Intervention.SocialPrescribing => "Social prescribing referral",
        Intervention.CarePlanAgreed => "Care and support plan agreed",
        Intervention.SharedDecision => "Shared decision recorded",
        Intervention.PersonalHealthBudget => "Personal health budget",
        Intervention.HealthCoaching => "Health coaching",
        _ => "Peer support",
    };

    public static string Describe(Split s) => s switch
    {
        Split.Practice => "GP practice",
        Split.ImdDecile => "IMD decile (1 = most deprived)",
        Split.AgeBand => "Age band",
        Split.Sex => "Sex",
        Split.EthnicCategory => "Ethnic category",
        _ => "Number of long-term conditions",
    };

    /// <summary>A split's name inside a sentence ("By age band", "By IMD decile"): lower case unless it starts with an initialism.</summary>
    public static string InSentence(Split split) => Describe(split) is var name && name.Length > 1 && char.IsLower(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : Describe(split);

    /// <summary>"All" when no split is asked for: the label every figure then falls under.</summary>
    public const string All = "All";

    private static string SexLabel(Sex sex) => sex == Sex.NotKnown ? "Not known" : sex.ToString();
    private static string DecileLabel(int decile) => decile == 0 ? "Not known" : decile.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static string ConditionsLabel(int count) => count switch { 0 => "None", 1 => "One", 2 => "Two", _ => "Three or more" };

    /// <summary>Everyone who received an intervention, when, tagged with the intervention.</summary>
    private IQueryable<PersonEvent> Events(Intervention intervention) => intervention switch
    {
        Intervention.SocialPrescribing => db.SocialPrescribingReferrals.Select(r => new PersonEvent { Intervention = Intervention.SocialPrescribing, PersonId = r.PersonId, At = r.ReceivedAt }),
        Intervention.CarePlanAgreed => db.CarePlanVersions.Where(v => v.AgreedAt != null)
            .Join(db.CarePlans, v => v.PlanId, p => p.Id, (v, p) => new PersonEvent { Intervention = Intervention.CarePlanAgreed, PersonId = p.PersonId, At = v.AgreedAt!.Value }),
        Intervention.SharedDecision => db.SharedDecisions.Where(d => d.Status == DecisionStatus.Decided)
            .Select(d => new PersonEvent { Intervention = Intervention.SharedDecision, PersonId = d.PersonId, At = d.DecidedAt!.Value }),
        Intervention.PersonalHealthBudget => db.PersonalBudgets.Select(b => new PersonEvent { Intervention = Intervention.PersonalHealthBudget, PersonId = b.PersonId, At = b.CreatedAt }),
        Intervention.HealthCoaching => db.CoachingSessions.Select(s => new PersonEvent { Intervention = Intervention.HealthCoaching, PersonId = s.PersonId, At = s.CreatedAt }),
        _ => db.PeerGroupMembers.Select(m => new PersonEvent { Intervention = Intervention.PeerSupport, PersonId = m.PersonId, At = m.JoinedAt }),
    };

    private static DateTime Utc(DateOnly d) => UkTime.StartOfDayUtc(d);

    /// <summary>Practice (and other organisation) names by id, for the practice split.</summary>
    private Task<Dictionary<Guid, string>> OrganisationNamesAsync(CancellationToken ct) => db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);

    /// <summary>
    /// People reached from <paramref name="from"/> to <paramref name="to"/> (inclusive, UK dates), split one way. Every
    /// intervention's events go into one query that meets the people table once (the costly part at region scale); each
    /// person falls in one group, so the totals are the sums of the groups.
    /// </summary>
    public async Task<ReachView> ReachAsync(DateOnly from, DateOnly to, Split split, CancellationToken ct = default)
    {
        var (start, end) = (Utc(from), Utc(to.AddDays(1)));
        var events = Enum.GetValues<Intervention>().Select(i => Events(i).Where(e => e.At >= start && e.At < end)).Aggregate((a, b) => a.Concat(b));
        var months = (await events.GroupBy(e => new { e.Intervention, e.At.Year, e.At.Month })
                .Select(g => new { g.Key.Intervention, g.Key.Year, g.Key.Month, People = g.Select(e => e.PersonId).Distinct().Count() }).ToListAsync(ct))
            .Select(m => new ReachCount { Intervention = m.Intervention, Group = $"{m.Year:D4}-{m.Month:D2}", People = m.People });
        var groups = await SplitAsync(events, split, to, ct);
        var totals = Enum.GetValues<Intervention>().ToDictionary(i => i, i => groups.Where(g => g.Intervention == i).Sum(g => g.People));
        var days = to.DayNumber - from.DayNumber + 1;
        var targets = Enum.GetValues<Intervention>().ToDictionary(i => i, i => options.Value.AnnualTargets.TryGetValue(i, out var year) ? (int?)Math.Round(year * days / 365.25) : null);
        static List<SplitRow> Rows(IEnumerable<ReachCount> counts) => counts.GroupBy(c => c.Group)
            .Select(g => new SplitRow(g.Key, g.GroupBy(c => c.Intervention).ToDictionary(x => x.Key, x => x.Sum(c => c.People)))).ToList();
        return new ReachView(from, to, split, totals, targets, Rows(months).OrderBy(r => r.Group, StringComparer.Ordinal).ToList(), InOrder(Rows(groups), split, r => r.Group).ToList());
    }

    private static string SortKey(Split split, string group) => split switch
    {
        Split.AgeBand => Array.FindIndex(AgeBands, b => b.Label == group).ToString("D2"),
        Split.ImdDecile => group.Length == 1 ? "0" + group : group,
        Split.LongTermConditions => Array.IndexOf(["None", "One", "Two", "Three or more"], group).ToString("D2"),
        _ => group,
    };

    /// <summary>Groups ordered as the split reads (deciles 1 to 10, age bands youngest first), "All" alone when unsplit.</summary>
    private static IEnumerable<T> InOrder<T>(IEnumerable<T> rows, Split? split, Func<T, string> group) =>
        split is { } s ? rows.OrderBy(r => SortKey(s, group(r)), StringComparer.Ordinal) : rows;

    /// <summary>
    /// The group each of these people falls in for a split (on the given day, for age), looked up in the database in one
    /// query: for figures worked out person by person (outcomes, demand, budgets). Without a split, everyone is in "All".
    /// </summary>
    public async Task<Dictionary<Guid, string>> GroupsAsync(IReadOnlyCollection<Guid> ids, Split? split, DateOnly on, CancellationToken ct = default)
    {
        if (split is null || ids.Count == 0)
        {
            return ids.Distinct().ToDictionary(id => id, _ => All);
        }
        var people = db.People.AsNoTracking().Where(p => ids.Contains(p.Id));
        switch (split)
        {
            case Split.Practice:
                var names = await OrganisationNamesAsync(ct);
                return await people.ToDictionaryAsync(p => p.Id, p => p.GpPracticeId is { } id && names.TryGetValue(id, out var n) ? n : "No practice recorded", ct);
            case Split.Sex:
                return (await people.Select(p => new { p.Id, p.Sex }).ToListAsync(ct)).ToDictionary(p => p.Id, p => SexLabel(p.Sex));
            case Split.EthnicCategory:
                return (await people.Select(p => new { p.Id, p.EthnicCategory }).ToListAsync(ct)).ToDictionary(p => p.Id, p => EthnicCategories.Label(p.EthnicCategory));
            case Split.ImdDecile:
                return (await (from p in people
                               join a in db.ImdAreas on p.Postcode equals a.Postcode into found
                               from a in found.DefaultIfEmpty()
                               select new { p.Id, Decile = a == null ? 0 : a.Decile }).ToListAsync(ct)).ToDictionary(p => p.Id, p => DecileLabel(p.Decile));
            case Split.LongTermConditions:
                return (await people.Select(p => new { p.Id, Count = db.LongTermConditions.Count(c => c.PersonId == p.Id) }).ToListAsync(ct))
                    .ToDictionary(p => p.Id, p => ConditionsLabel(p.Count));
            default:
                return (await people.Select(p => new { p.Id, p.DateOfBirth }).ToListAsync(ct)).ToDictionary(p => p.Id, p => Band(p.DateOfBirth, on));
        }
    }

    /// <summary>Distinct people per intervention and group of the split, grouped by the database after one join to the people.</summary>
    private async Task<List<ReachCount>> SplitAsync(IQueryable<PersonEvent> events, Split split, DateOnly on, CancellationToken ct)
    {
        var joined = events.Join(db.People, e => e.PersonId, p => p.Id, (e, p) => new { e.Intervention, e.PersonId, Person = p });
        switch (split)
        {
            case Split.Practice:
                var names = await OrganisationNamesAsync(ct);
                return (await joined.GroupBy(x => new { x.Intervention, x.Person.GpPracticeId }).Select(g => new { g.Key.Intervention, g.Key.GpPracticeId, People = g.Select(x => x.PersonId).Distinct().Count() }).ToListAsync(ct))
                    .Select(g => new ReachCount { Intervention = g.Intervention, Group = g.GpPracticeId is { } id && names.TryGetValue(id, out var n) ? n : "No practice recorded", People = g.People }).ToList();
            case Split.Sex:
                return (await joined.GroupBy(x => new { x.Intervention, x.Person.Sex }).Select(g => new { g.Key.Intervention, g.Key.Sex, People = g.Select(x => x.PersonId).Distinct().Count() }).ToListAsync(ct))
                    .Select(g => new ReachCount { Intervention = g.Intervention, Group = SexLabel(g.Sex), People = g.People }).ToList();
            case Split.EthnicCategory:
                return (await joined.GroupBy(x => new { x.Intervention, x.Person.EthnicCategory }).Select(g => new { g.Key.Intervention, g.Key.EthnicCategory, People = g.Select(x => x.PersonId).Distinct().Count() }).ToListAsync(ct))
                    .Select(g => new ReachCount { Intervention = g.Intervention, Group = EthnicCategories.Label(g.EthnicCategory), People = g.People }).ToList();
            case Split.ImdDecile:
                return (await (from x in joined
                               join a in db.ImdAreas on x.Person.Postcode equals a.Postcode into found
                               from a in found.DefaultIfEmpty()
                               group x.PersonId by new { x.Intervention, Decile = a == null ? 0 : a.Decile } into g
                               select new { g.Key.Intervention, g.Key.Decile, People = g.Distinct().Count() }).ToListAsync(ct))
                    .Select(g => new ReachCount { Intervention = g.Intervention, Group = DecileLabel(g.Decile), People = g.People }).ToList();
            case Split.LongTermConditions:
                // Each person's recorded conditions counted by one join to the conditions (a subquery per person is far slower at scale).
                var perPerson = from e in events.Select(e => new { e.Intervention, e.PersonId }).Distinct()
                                join c in db.LongTermConditions on e.PersonId equals c.PersonId into found
                                from c in found.DefaultIfEmpty()
                                group c by new { e.Intervention, e.PersonId } into g
                                select new { g.Key.Intervention, Conditions = g.Count(c => c != null) };
                return (await perPerson.GroupBy(x => new { x.Intervention, Conditions = x.Conditions > 3 ? 3 : x.Conditions })
                        .Select(g => new { g.Key.Intervention, g.Key.Conditions, People = g.Count() }).ToListAsync(ct))
                    .Select(g => new ReachCount { Intervention = g.Intervention, Group = ConditionsLabel(g.Conditions), People = g.People }).ToList();
            default:
                // Age on the last day of the period, banded by the database from the birthdays that bound each band.
                var by = AgeBands.Select(b => on.AddYears(-b.From)).ToArray();
                var (by1, by2, by3, by4) = (by[1], by[2], by[3], by[4]);
                return (await joined.GroupBy(x => new
                        {
                            x.Intervention,
                            Band = x.Person.DateOfBirth > by1 ? 0 : x.Person.DateOfBirth > by2 ? 1 : x.Person.DateOfBirth > by3 ? 2 : x.Person.DateOfBirth > by4 ? 3 : 4,
                        }).Select(g => new { g.Key.Intervention, g.Key.Band, People = g.Select(x => x.PersonId).Distinct().Count() }).ToListAsync(ct))
                    .Select(g => new ReachCount { Intervention = g.Intervention, Group = AgeBands[g.Band].Label, People = g.People }).ToList();
        }
    }

    private static string Band(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year - (born.AddYears(on.Year - born.Year) > on ? 1 : 0);
        return AgeBands.First(b => age >= b.From && age <= b.To).Label;
    }

    /// <summary>Community referrals sent in the period, by organisation and by need, and the gaps in provision.</summary>
    public async Task<DemandView> DemandAsync(DateOnly from, DateOnly to, Split? split = null, CancellationToken ct = default)
    {
        var (start, end) = (Utc(from), Utc(to.AddDays(1)));
        var referrals = db.CommunityReferrals.AsNoTracking().Where(c => c.SentAt >= start && c.SentAt < end);
        var byOrganisation = await DemandByAsync(referrals.Join(db.Organisations, c => c.OrganisationId, o => o.Id,
            (c, o) => new DemandItem { Group = o.Name, Status = c.Status, StatusReason = c.StatusReason }), ct);
        var needRows = await DemandByAsync(referrals.Join(db.Set<ReferralNeed>(), c => c.SocialPrescribingReferralId, n => n.ReferralId,
            (c, n) => new DemandItem { Group = n.Name, Status = c.Status, StatusReason = c.StatusReason }), ct);
        // Coded reasons only: the words an organisation adds may name the person, and these counts are small.
        var reasons = (await referrals.Where(c => c.Status == CommunityReferralStatus.Rejected)
            .GroupBy(c => c.DeclineReason).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(g => new { Key = g.Key is { } code ? DeclineReasons.Label(code) : "Not coded (declined before reasons were coded)", g.Count }).ToList();
        var byGroup = new List<DemandRow>();
        if (split is not null)
        {
            // Counted per person by the database, then added up by the group each person falls in.
            var byPerson = await DemandByAsync(referrals.Select(c => new DemandItem { Group = c.PersonId.ToString(), Status = c.Status, StatusReason = c.StatusReason }), ct);
            var groups = await GroupsAsync(byPerson.Select(r => Guid.Parse(r.Group)).ToList(), split, to, ct);
            byGroup = InOrder(byPerson.GroupBy(r => groups[Guid.Parse(r.Group)]).Select(g => new DemandRow(g.Key, g.Sum(r => r.Received), g.Sum(r => r.Accepted),
                g.Sum(r => r.Declined), g.Sum(r => r.Expired), g.Sum(r => r.Waiting))), split, r => r.Group).ToList();
        }
        return new DemandView(byOrganisation, needRows, byGroup,
            reasons.OrderByDescending(r => r.Count).Select(r => (r.Key, r.Count)).ToList(),
            needRows.Where(r => r.Received > 0 && r.Accepted == 0 && r.Waiting == 0).Select(r => r.Group).ToList());
    }

    /// <summary>One community referral, labelled with the group it is counted in (its organisation, or one of its needs).</summary>
    private sealed class DemandItem
    {
        public string Group { get; init; } = "";
        public CommunityReferralStatus Status { get; init; }
        public string? StatusReason { get; init; }
    }

    private static readonly CommunityReferralStatus[] Accepted =
        [CommunityReferralStatus.Accepted, CommunityReferralStatus.InProgress, CommunityReferralStatus.OnHold, CommunityReferralStatus.Completed];

    /// <summary>Received, accepted (and since started or finished), declined, expired and waiting, per group, counted by the database.</summary>
    private static async Task<List<DemandRow>> DemandByAsync(IQueryable<DemandItem> items, CancellationToken ct) =>
        (await items.GroupBy(x => x.Group).Select(g => new
            {
                g.Key,
                Received = g.Count(),
                Accepted = g.Count(c => Accepted.Contains(c.Status)),
                Declined = g.Count(c => c.Status == CommunityReferralStatus.Rejected),
                Expired = g.Count(c => c.Status == CommunityReferralStatus.Cancelled && c.StatusReason != null && c.StatusReason.StartsWith("Expired")),
                Waiting = g.Count(c => c.Status == CommunityReferralStatus.Requested),
            }).ToListAsync(ct))
        .Select(g => new DemandRow(g.Key, g.Received, g.Accepted, g.Declined, g.Expired, g.Waiting)).OrderBy(r => r.Group).ToList();

    /// <summary>
    /// Personal budget money from the ledgers, net of corrections: by kind of funder, and by a split of the budget holders
    /// when one is asked for. Sums are made per funding stream by the database, then added up here.
    /// </summary>
    public async Task<BudgetMoneyFigures> BudgetsAsync(Split? split = null, CancellationToken ct = default)
    {
        var moves = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind != EntryKind.Correction)
            .GroupBy(e => new { e.StreamId, e.Kind }).Select(g => new { g.Key.StreamId, g.Key.Kind, Pence = g.Sum(e => e.AmountPence) }).ToListAsync(ct);
        var corrected = await db.LedgerEntries.AsNoTracking().Where(c => c.Kind == EntryKind.Correction)
            .Join(db.LedgerEntries, c => c.CorrectsEntryId, o => o.Id, (c, o) => new { o.StreamId, o.Kind, c.AmountPence })
            .GroupBy(x => new { x.StreamId, x.Kind }).Select(g => new { g.Key.StreamId, g.Key.Kind, Pence = g.Sum(x => x.AmountPence) }).ToListAsync(ct);
        var net = moves.Select(m => (m.StreamId, m.Kind, m.Pence)).Concat(corrected.Select(c => (c.StreamId, c.Kind, Pence: -c.Pence)))
            .GroupBy(x => (x.StreamId, x.Kind)).ToDictionary(g => g.Key, g => g.Sum(x => x.Pence));
        var streams = await db.FundingStreams.AsNoTracking().Join(db.PersonalBudgets, s => s.BudgetId, b => b.Id, (s, b) => new { s.Id, s.BudgetId, s.Funder, b.PersonId }).ToListAsync(ct);
        var groups = await GroupsAsync(streams.Select(s => s.PersonId).Distinct().ToList(), split, UkTime.Today(clock), ct);
        List<BudgetRow> Rows<TKey>(Func<Guid, Funder, Guid, TKey> key, Func<TKey, string> label) where TKey : notnull =>
            streams.GroupBy(s => key(s.BudgetId, s.Funder, s.PersonId)).OrderBy(g => g.Key).Select(g => new BudgetRow(label(g.Key), g.Select(s => s.BudgetId).Distinct().Count(),
                g.Sum(s => net.GetValueOrDefault((s.Id, EntryKind.Allocation))), g.Sum(s => net.GetValueOrDefault((s.Id, EntryKind.Spend))),
                g.Sum(s => net.GetValueOrDefault((s.Id, EntryKind.Reclaim))))).ToList();
        var byFunder = Rows((_, funder, _) => funder, BudgetLabels.Describe);
        var byGroup = split is null ? [] : InOrder(Rows((_, _, person) => groups[person], g => g), split, r => r.Group).ToList();
        return new BudgetMoneyFigures(byFunder, byGroup);
    }

    /// <summary>
    /// For people who finished social prescribing (discharged) or health coaching (their last session) in the period:
    /// the earliest answer from 30 days before they started and the latest up to 30 days after they finished, paired.
    /// "Improved" means by at least the configured meaningful change where one is set, otherwise any improvement.
    /// </summary>
    public async Task<List<OutcomeRow>> OutcomesAsync(DateOnly from, DateOnly to, Split? split = null, CancellationToken ct = default)
    {
        var (start, end) = (Utc(from), Utc(to.AddDays(1)));
        var sessions = coaching.Value.MaxSessions;
        var discharged = db.SocialPrescribingReferrals.AsNoTracking().Where(r => r.DischargedAt >= start && r.DischargedAt < end);
        var coached = db.CoachingSessions.AsNoTracking().GroupBy(s => s.PersonId)
            .Where(g => g.Count() >= sessions && g.Max(s => s.CreatedAt) >= start && g.Max(s => s.CreatedAt) < end);
        var programmes = new List<(string Name, List<(Guid PersonId, DateTime Start, DateTime End)> People)>
        {
            ("Social prescribing", (await discharged.Select(r => new { r.PersonId, r.ReceivedAt, End = r.DischargedAt!.Value }).ToListAsync(ct))
                .Select(r => (r.PersonId, r.ReceivedAt, r.End)).ToList()),
            ("Health coaching", (await coached.Select(g => new { g.Key, Start = g.Min(s => s.CreatedAt), End = g.Max(s => s.CreatedAt) }).ToListAsync(ct))
                .Select(g => (g.Key, g.Start, g.End)).ToList()),
        };
        var measures = FollowedMeasures;
        var codes = measures.Select(m => m.Instrument).Distinct().ToList();
        var scores = measures.Select(m => m.Score).Distinct().ToList();
        var ids = programmes.SelectMany(p => p.People.Select(x => x.PersonId)).Distinct().ToList();
        // The people as a subquery rather than a list of ids: the database then joins once instead of looking each one up.
        var finished = discharged.Select(r => r.PersonId).Concat(coached.Select(g => g.Key));
        var rawAnswers = ids.Count == 0 ? [] : await db.MeasureResponses.AsNoTracking()
            .Where(r => finished.Contains(r.PersonId) && codes.Contains(r.InstrumentCode) && r.Status == Outcomes.ResponseStatus.Completed)
            .Join(db.MeasureScores.Where(s => scores.Contains(s.Code)), r => r.Id, s => s.ResponseId, (r, s) => new { r.PersonId, At = r.CompletedAt!.Value, s.Value, r.InstrumentCode, s.Code })
            .ToListAsync(ct);
        // Each answer labelled with the measure it is (its position in the list); a score of another measure's instrument is dropped.
        var position = measures.Select((m, i) => (m, i)).ToDictionary(x => (x.m.Instrument, x.m.Score), x => x.i);
        var answers = rawAnswers.Select(a => new { a.PersonId, a.At, a.Value, Measure = position.GetValueOrDefault((a.InstrumentCode, a.Code), -1) }).Where(a => a.Measure >= 0).ToList();
        var byPerson = answers.ToLookup(a => (a.PersonId, a.Measure));
        var groups = await GroupsAsync(ids, split, to, ct);
        // Each person's change on each measure worked out once, then counted by group.
        var changes = new Dictionary<(string Group, string Programme, int Measure), List<decimal>>();
        var finishedBy = new Dictionary<(string Group, string Programme), int>();
        foreach (var (programme, people) in programmes)
        {
            foreach (var (personId, began, ended) in people)
            {
                var group = groups.GetValueOrDefault(personId, All);
                finishedBy[(group, programme)] = finishedBy.GetValueOrDefault((group, programme)) + 1;
                for (var m = 0; m < measures.Count; m++)
                {
                    var (instrument, score, _) = measures[m];
                    var mine = byPerson[(personId, m)].Where(a => a.At >= began.AddDays(-30) && a.At <= ended.AddDays(30)).OrderBy(a => a.At).ToList();
                    if (mine.Count >= 2)
                    {
                        var change = mine[^1].Value - mine[0].Value;
                        var list = changes.TryGetValue((group, programme, m), out var l) ? l : changes[(group, programme, m)] = [];
                        list.Add(instruments.Find(instrument)?.IsLowerBetter(score) == true ? -change : change);
                    }
                }
            }
        }
        var rows = new List<OutcomeRow>();
        foreach (var group in InOrder(groups.Values.Distinct().DefaultIfEmpty(All), split, g => g))
        {
            foreach (var (programme, _) in programmes)
            {
                for (var m = 0; m < measures.Count; m++)
                {
                    var (instrument, score, label) = measures[m];
                    var threshold = instruments.MeaningfulChangeFor(instrument, score);
                    var mine = changes.GetValueOrDefault((group, programme, m)) ?? [];
                    rows.Add(new OutcomeRow(group, programme, label, finishedBy.GetValueOrDefault((group, programme)), mine.Count, mine.Count == 0 ? null : Math.Round(mine.Average(), 2),
                        threshold, mine.Count(c => threshold is { } t ? c >= t : c > 0)));
                }
            }
        }
        return rows;
    }

    /// <summary>The period shown when none is chosen: the last 12 months to today.</summary>
    public (DateOnly From, DateOnly To) DefaultPeriod()
    {
        var today = UkTime.Today(clock);
        return (today.AddYears(-1).AddDays(1), today);
    }
}
