using System.Text.Json;
using Upcare.Shared;

namespace Upcare.CarePlans;

/// <summary>A goal as written in one version of a plan.</summary>
public sealed record GoalContent(Guid Id, string InMyWords, string HowIWillKnow, DateOnly? ByWhen, GoalProgress Progress)
{
    public string Describe() =>
        InMyWords + (HowIWillKnow.Length > 0 ? $" (I'll know when: {HowIWillKnow})" : "") +
        (ByWhen is { } d ? $", by {UkTime.FormatDate(d)}" : "") + $" [{CarePlanContent.Describe(Progress)}]";
}

/// <summary>An action as written in one version of a plan.</summary>
public sealed record ActionContent(Guid Id, string What, ActionBy Who, string WhoName, DateOnly? ByWhen, bool Done)
{
    public string Describe() =>
        What + $" — {CarePlanContent.Describe(Who)}" + (WhoName.Length > 0 ? $" ({WhoName})" : "") +
        (ByWhen is { } d ? $", by {UkTime.FormatDate(d)}" : "") + (Done ? " [done]" : "");
}

/// <summary>One difference between two versions of a plan, in words.</summary>
public sealed record PlanChange(string Part, string Before, string After);

/// <summary>A part both editors changed differently: what the other saved and what this editor wrote (which is kept in the form).</summary>
public sealed record MergeConflict(string Part, string Theirs, string Mine);

/// <summary>The result of putting two editors' work together.</summary>
public sealed record MergeResult(CarePlanContent Merged, IReadOnlyList<PlanChange> TheirChanges, IReadOnlyList<MergeConflict> Conflicts);

/// <summary>
/// The whole content of a plan at one version, in the PRSB personalised care and support plan sections: what is kept
/// for every version, compared between versions, and merged when two people edit at once.
/// </summary>
public sealed record CarePlanContent
{
    public string AboutMe { get; init; } = "";
    public string MyHealth { get; init; } = "";
    public string SupportNetwork { get; init; } = "";
    public string IfThingsGetWorse { get; init; } = "";
    public string WhoToCall { get; init; } = "";
    public string CommunicationPreferences { get; init; } = "";
    public string PeopleInvolved { get; init; } = "";
    public DateOnly? ReviewOn { get; init; }
    public IReadOnlyList<GoalContent> Goals { get; init; } = [];
    public IReadOnlyList<ActionContent> Actions { get; init; } = [];

    /// <summary>The free-text sections with their headings, in the order the plan shows them.</summary>
    public static readonly IReadOnlyList<(string Label, Func<CarePlanContent, string> Get, Func<CarePlanContent, string, CarePlanContent> Set)> Sections =
    [
        ("About me and what matters to me", c => c.AboutMe, (c, v) => c with { AboutMe = v }),
        ("My health conditions", c => c.MyHealth, (c, v) => c with { MyHealth = v }),
        ("My support network", c => c.SupportNetwork, (c, v) => c with { SupportNetwork = v }),
        ("If things get worse", c => c.IfThingsGetWorse, (c, v) => c with { IfThingsGetWorse = v }),
        ("Who to call", c => c.WhoToCall, (c, v) => c with { WhoToCall = v }),
        ("How I like to be contacted and communicated with", c => c.CommunicationPreferences, (c, v) => c with { CommunicationPreferences = v }),
        ("People involved in my care", c => c.PeopleInvolved, (c, v) => c with { PeopleInvolved = v }),
    ];

    public const string ReviewLabel = "Review date";

    public static string Describe(GoalProgress progress) => progress switch
    {
        GoalProgress.NotStarted => "not started",
        GoalProgress.Progressing => "making progress",
        GoalProgress.Met => "met",
        _ => progress.ToString(),
    };

    public static string Describe(ActionBy who) => who switch
    {
        ActionBy.Me => "me",
        ActionBy.MyCarer => "my carer",
        ActionBy.Professional => "a professional",
        ActionBy.CommunityGroup => "a community group",
        _ => who.ToString(),
    };

    private static string Show(DateOnly? date) => date is { } d ? UkTime.FormatDate(d) : "";

    public static CarePlanContent From(CarePlan plan) => new()
    {
        AboutMe = plan.AboutMe,
        MyHealth = plan.MyHealth,
        SupportNetwork = plan.SupportNetwork,
        IfThingsGetWorse = plan.IfThingsGetWorse,
        WhoToCall = plan.WhoToCall,
        CommunicationPreferences = plan.CommunicationPreferences,
        PeopleInvolved = plan.PeopleInvolved,
        ReviewOn = plan.ReviewOn,
        Goals = plan.Goals.OrderBy(g => g.Position).Select(g => new GoalContent(g.Id, g.InMyWords, g.HowIWillKnow, g.ByWhen, g.Progress)).ToList(),
        Actions = plan.Actions.OrderBy(a => a.Position).Select(a => new ActionContent(a.Id, a.What, a.Who, a.WhoName, a.ByWhen, a.Done)).ToList(),
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CarePlanContent FromJson(string json) => JsonSerializer.Deserialize<CarePlanContent>(json, Json) ?? new CarePlanContent();

    /// <summary>Every part that differs from <paramref name="before"/> to <paramref name="after"/>, in the plan's order.</summary>
    public static List<PlanChange> Differences(CarePlanContent before, CarePlanContent after)
    {
        var changes = new List<PlanChange>();
        foreach (var (label, get, _) in Sections)
        {
            if (get(before) != get(after))
            {
                changes.Add(new(label, get(before), get(after)));
            }
        }
        ListDifferences(before.Goals, after.Goals, g => g.Id, g => g.Describe(), "Goal", changes);
        ListDifferences(before.Actions, after.Actions, a => a.Id, a => a.Describe(), "Action", changes);
        if (before.ReviewOn != after.ReviewOn)
        {
            changes.Add(new(ReviewLabel, Show(before.ReviewOn), Show(after.ReviewOn)));
        }
        return changes;
    }

    private static void ListDifferences<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, Guid> id, Func<T, string> show, string part, List<PlanChange> changes)
    {
        foreach (var b in before)
        {
            var a = after.FirstOrDefault(x => id(x) == id(b));
            if (a is null)
            {
                changes.Add(new(part + " removed", show(b), ""));
            }
            else if (show(a) != show(b))
            {
                changes.Add(new(part + " changed", show(b), show(a)));
            }
        }
        foreach (var a in after.Where(a => !before.Any(b => id(b) == id(a))))
        {
            changes.Add(new(part + " added", "", show(a)));
        }
    }

    /// <summary>
    /// Three-way merge of two editors' work on the same base version: a part only one of them changed takes that
    /// change; goals and actions either added are all kept; a part both changed differently keeps this editor's
    /// wording and is reported, so they decide with the other's in view. Nothing either wrote is dropped silently.
    /// </summary>
    public static MergeResult Merge(CarePlanContent @base, CarePlanContent theirs, CarePlanContent mine)
    {
        var conflicts = new List<MergeConflict>();
        var merged = mine;
        foreach (var (label, get, set) in Sections)
        {
            merged = set(merged, Pick(get(@base), get(theirs), get(mine), label, s => s, conflicts));
        }
        merged = merged with
        {
            ReviewOn = Pick(@base.ReviewOn, theirs.ReviewOn, mine.ReviewOn, ReviewLabel, Show, conflicts),
            Goals = MergeList(@base.Goals, theirs.Goals, mine.Goals, g => g.Id, g => g.Describe(), "Goal", conflicts),
            Actions = MergeList(@base.Actions, theirs.Actions, mine.Actions, a => a.Id, a => a.Describe(), "Action", conflicts),
        };
        return new(merged, Differences(@base, theirs), conflicts);
    }

    private static T Pick<T>(T @base, T theirs, T mine, string part, Func<T, string> show, List<MergeConflict> conflicts)
    {
        var (b, t, m) = (show(@base), show(theirs), show(mine));
        if (m == b)
        {
            return theirs;
        }
        if (t != b && t != m)
        {
            conflicts.Add(new(part, t, m));
        }
        return mine;
    }

    private static List<T> MergeList<T>(IReadOnlyList<T> @base, IReadOnlyList<T> theirs, IReadOnlyList<T> mine, Func<T, Guid> id, Func<T, string> show, string part, List<MergeConflict> conflicts)
        where T : class
    {
        var merged = new List<T>();
        var ids = mine.Select(id).Concat(theirs.Select(id)).Distinct();
        foreach (var key in ids)
        {
            var b = @base.FirstOrDefault(x => id(x) == key);
            var t = theirs.FirstOrDefault(x => id(x) == key);
            var m = mine.FirstOrDefault(x => id(x) == key);
            if (b is null)
            {
                merged.Add((m ?? t)!);
            }
            else if (t is null && m is null)
            {
                // Both removed it.
            }
            else if (t is null)
            {
                if (show(m!) != show(b))
                {
                    conflicts.Add(new(part, "(removed)", show(m!)));
                    merged.Add(m!);
                }
            }
            else if (m is null)
            {
                if (show(t) != show(b))
                {
                    conflicts.Add(new(part, show(t), "(removed)"));
                    merged.Add(t);
                }
            }
            else
            {
                merged.Add(Pick(b, t, m, part, show, conflicts));
            }
        }
        return merged;
    }
}
