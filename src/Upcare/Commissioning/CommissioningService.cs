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
    public Guid PersonId { get; init; }
    public DateTime At { get; init; }
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
        _ => "Long-term conditions recorded",
    };

    /// <summary>"All" when no split is asked for: the label every figure then falls under.</summary>
    public const string All = "All";

    private static string SexLabel(Sex sex) => sex == Sex.NotKnown ? "Not known" : sex.ToString();
    private static string DecileLabel(int decile) => decile == 0 ? "Not known" : decile.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static string ConditionsLabel(int count) => count switch { 0 => "None", 1 => "One", 2 => "Two", _ => "Three or more" };

    /// <summary>Everyone who received the intervention, when.</summary>
    private IQueryable<PersonEvent> Events(Intervention intervention) => intervention switch
    {
        Intervention.SocialPrescribing => db.SocialPrescribingReferrals.Select(r => new PersonEvent { PersonId = r.PersonId, At = r.ReceivedAt }),
        Intervention.CarePlanAgreed => db.CarePlanVersions.Where(v => v.AgreedAt != null)
            .Join(db.CarePlans, v => v.PlanId, p => p.Id, (v, p) => new PersonEvent { PersonId = p.PersonId, At = v.AgreedAt!.Value }),
        Intervention.SharedDecision => db.SharedDecisions.Where(d => d.Status == DecisionStatus.Decided).Select(d => new PersonEvent { PersonId = d.PersonId, At = d.DecidedAt!.Value }),
        Intervention.PersonalHealthBudget => db.PersonalBudgets.Select(b => new PersonEvent { PersonId = b.PersonId, At = b.CreatedAt }),
        Intervention.HealthCoaching => db.CoachingSessions.Select(s => new PersonEvent { PersonId = s.PersonId, At = s.CreatedAt }),
        _ => db.PeerGroupMembers.Select(m => new PersonEvent { PersonId = m.PersonId, At = m.JoinedAt }),
    };

    private static DateTime Utc(DateOnly d) => UkTime.StartOfDayUtc(d);

    /// <summary>People reached from <paramref name="from"/> to <paramref name="to"/> (inclusive, UK dates), split one way.</summary>
    public async Task<ReachView> ReachAsync(DateOnly from, DateOnly to, Split split, CancellationToken ct = default)
    {
        var (start, end) = (Utc(from), Utc(to.AddDays(1)));
        var totals = new Dictionary<Intervention, int>();
        var groups = new Dictionary<string, Dictionary<Intervention, int>>();
        var months = new SortedDictionary<string, Dictionary<Intervention, int>>();
        var names = split == Split.Practice ? await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct) : [];
        foreach (var intervention in Enum.GetValues<Intervention>())
        {
            var inPeriod = Events(intervention).Where(e => e.At >= start && e.At < end);
            var people = inPeriod.Select(e => e.PersonId).Distinct();
            totals[intervention] = await people.CountAsync(ct);
            foreach (var m in await inPeriod.GroupBy(e => new { e.At.Year, e.At.Month }).Select(g => new { g.Key.Year, g.Key.Month, People = g.Select(e => e.PersonId).Distinct().Count() }).ToListAsync(ct))
            {
                var key = $"{m.Year:D4}-{m.Month:D2}";
                (months.TryGetValue(key, out var row) ? row : months[key] = [])[intervention] = m.People;
            }
            var persons = db.People.AsNoTracking().Where(p => people.Contains(p.Id));
            foreach (var (group, count) in await SplitAsync(persons, split, to, names, ct))
            {
                (groups.TryGetValue(group, out var row) ? row : groups[group] = [])[intervention] = count;
            }
        }
        var days = to.DayNumber - from.DayNumber + 1;
        var targets = Enum.GetValues<Intervention>().ToDictionary(i => i, i => options.Value.AnnualTargets.TryGetValue(i, out var year) ? (int?)Math.Round(year * days / 365.25) : null);
        return new ReachView(from, to, split, totals, targets,
            months.Select(m => new SplitRow(m.Key, m.Value)).ToList(),
            groups.OrderBy(g => SortKey(split, g.Key)).Select(g => new SplitRow(g.Key, g.Value)).ToList());
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
                var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
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

    private async Task<List<(string Group, int Count)>> SplitAsync(IQueryable<Person> people, Split split, DateOnly on, IReadOnlyDictionary<Guid, string> names, CancellationToken ct)
    {
        switch (split)
        {
            case Split.Practice:
                return (await people.GroupBy(p => p.GpPracticeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(g => (g.Key is { } id && names.TryGetValue(id, out var n) ? n : "No practice recorded", g.Count)).ToList();
            case Split.Sex:
                return (await people.GroupBy(p => p.Sex).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(g => (SexLabel(g.Key), g.Count)).ToList();
            case Split.EthnicCategory:
                return (await people.GroupBy(p => p.EthnicCategory).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(g => (EthnicCategories.Label(g.Key), g.Count)).ToList();
            case Split.ImdDecile:
                return (await (from p in people
                               join a in db.ImdAreas on p.Postcode equals a.Postcode into found
                               from a in found.DefaultIfEmpty()
                               group p by a == null ? 0 : a.Decile into g
                               select new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(g => (DecileLabel(g.Key), g.Count)).ToList();
            case Split.LongTermConditions:
                return (await people.Select(p => db.LongTermConditions.Count(c => c.PersonId == p.Id)).GroupBy(n => n > 3 ? 3 : n)
                        .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(g => (ConditionsLabel(g.Key), g.Count)).ToList();
            default:
                // Exact dates of birth, banded here: an age needs the day, and there are few distinct dates.
                var births = await people.GroupBy(p => p.DateOfBirth).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                return births.GroupBy(b => Band(b.Key, on)).Select(g => (g.Key, g.Sum(b => b.Count))).ToList();
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
        var reasons = await referrals.Where(c => c.Status == CommunityReferralStatus.Rejected)
            .GroupBy(c => c.StatusReason ?? "No reason given").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
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
        var programmes = new List<(string Name, List<(Guid PersonId, DateTime Start, DateTime End)> People)>
        {
            ("Social prescribing", (await db.SocialPrescribingReferrals.AsNoTracking().Where(r => r.DischargedAt >= start && r.DischargedAt < end)
                .Select(r => new { r.PersonId, r.ReceivedAt, End = r.DischargedAt!.Value }).ToListAsync(ct)).Select(r => (r.PersonId, r.ReceivedAt, r.End)).ToList()),
            ("Health coaching", (await db.CoachingSessions.AsNoTracking().GroupBy(s => s.PersonId)
                .Where(g => g.Count() >= sessions && g.Max(s => s.CreatedAt) >= start && g.Max(s => s.CreatedAt) < end)
                .Select(g => new { g.Key, Start = g.Min(s => s.CreatedAt), End = g.Max(s => s.CreatedAt) }).ToListAsync(ct)).Select(g => (g.Key, g.Start, g.End)).ToList()),
        };
        var codes = OutcomeMeasures.Select(m => m.Instrument).ToList();
        var ids = programmes.SelectMany(p => p.People.Select(x => x.PersonId)).Distinct().ToList();
        var answers = ids.Count == 0 ? [] : await db.MeasureResponses.AsNoTracking()
            .Where(r => ids.Contains(r.PersonId) && codes.Contains(r.InstrumentCode) && r.Status == Outcomes.ResponseStatus.Completed)
            .Join(db.MeasureScores, r => r.Id, s => s.ResponseId, (r, s) => new { r.PersonId, r.InstrumentCode, At = r.CompletedAt!.Value, s.Code, s.Value })
            .ToListAsync(ct);
        var byPerson = answers.ToLookup(a => (a.PersonId, a.InstrumentCode, a.Code));
        var groups = await GroupsAsync(ids, split, to, ct);
        var rows = new List<OutcomeRow>();
        foreach (var group in InOrder(groups.Values.Distinct().DefaultIfEmpty(All), split, g => g))
        {
            foreach (var (programme, everyone) in programmes)
            {
                var people = everyone.Where(p => groups.GetValueOrDefault(p.PersonId, All) == group).ToList();
                foreach (var (instrument, score, label) in OutcomeMeasures)
                {
                    var lowerBetter = instruments.Find(instrument)?.IsLowerBetter(score) ?? false;
                    var threshold = instruments.MeaningfulChangeFor(instrument, score);
                    var changes = new List<decimal>();
                    foreach (var (personId, began, ended) in people)
                    {
                        var mine = byPerson[(personId, instrument, score)].Where(a => a.At >= began.AddDays(-30) && a.At <= ended.AddDays(30)).OrderBy(a => a.At).ToList();
                        if (mine.Count >= 2)
                        {
                            var change = mine[^1].Value - mine[0].Value;
                            changes.Add(lowerBetter ? -change : change);
                        }
                    }
                    rows.Add(new OutcomeRow(group, programme, label, people.Count, changes.Count, changes.Count == 0 ? null : Math.Round(changes.Average(), 2), threshold,
                        changes.Count(c => threshold is { } t ? c >= t : c > 0)));
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
