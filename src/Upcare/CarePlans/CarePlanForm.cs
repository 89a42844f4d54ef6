using Upcare.Shared;

namespace Upcare.CarePlans;

/// <summary>A goal row as typed into the plan form.</summary>
public sealed class GoalForm
{
    public Guid? Id { get; set; }
    public string? InMyWords { get; set; }
    public string? HowIWillKnow { get; set; }
    public DateParts ByWhen { get; set; } = new();
    public GoalProgress Progress { get; set; }

    internal bool IsBlank => string.IsNullOrWhiteSpace(InMyWords) && string.IsNullOrWhiteSpace(HowIWillKnow) && ByWhen.IsEmpty;
}

/// <summary>An action row as typed into the plan form.</summary>
public sealed class ActionForm
{
    public Guid? Id { get; set; }
    public string? What { get; set; }
    public ActionBy? Who { get; set; }
    public string? WhoName { get; set; }
    public DateParts ByWhen { get; set; } = new();
    public bool Done { get; set; }

    internal bool IsBlank => string.IsNullOrWhiteSpace(What) && string.IsNullOrWhiteSpace(WhoName) && ByWhen.IsEmpty && Who is null;
}

/// <summary>What a practitioner and the person write into the plan form; blank goal and action rows are left out.</summary>
public sealed class CarePlanForm
{
    public string? AboutMe { get; set; }
    public string? MyHealth { get; set; }
    public string? SupportNetwork { get; set; }
    public string? IfThingsGetWorse { get; set; }
    public string? WhoToCall { get; set; }
    public string? CommunicationPreferences { get; set; }
    public string? PeopleInvolved { get; set; }
    public DateParts ReviewOn { get; set; } = new();
    public List<GoalForm> Goals { get; set; } = [];
    public List<ActionForm> Actions { get; set; } = [];

    public static CarePlanForm From(CarePlanContent c) => new()
    {
        AboutMe = c.AboutMe,
        MyHealth = c.MyHealth,
        SupportNetwork = c.SupportNetwork,
        IfThingsGetWorse = c.IfThingsGetWorse,
        WhoToCall = c.WhoToCall,
        CommunicationPreferences = c.CommunicationPreferences,
        PeopleInvolved = c.PeopleInvolved,
        ReviewOn = c.ReviewOn is { } r ? DateParts.From(r) : new(),
        Goals = c.Goals.Select(g => new GoalForm
        {
            Id = g.Id, InMyWords = g.InMyWords, HowIWillKnow = g.HowIWillKnow, ByWhen = g.ByWhen is { } d ? DateParts.From(d) : new(), Progress = g.Progress,
        }).ToList(),
        Actions = c.Actions.Select(a => new ActionForm
        {
            Id = a.Id, What = a.What, Who = a.Who, WhoName = a.WhoName, ByWhen = a.ByWhen is { } d ? DateParts.From(d) : new(), Done = a.Done,
        }).ToList(),
    };

    /// <summary>
    /// Checks the form and turns it into plan content. New rows get their ids here, so a merge can tell them apart.
    /// A review date is needed; it may stay as it was even if it has passed (the plan is then overdue), but a new one
    /// must not be in the past.
    /// </summary>
    public CarePlanContent ToContent(Validation v, DateOnly today, DateOnly? savedReviewOn)
    {
        string Text(string field, string? value, string label) => v.Optional(field, value?.Replace("\r\n", "\n"), CarePlanService.SectionMaxLength, label) ?? "";
        DateOnly? Date(string field, DateParts parts, string label)
        {
            if (parts.IsEmpty)
            {
                return null;
            }
            if (!parts.TryParse(label, out var date, out var error))
            {
                v.Add(field, error!);
                return null;
            }
            return date;
        }

        var content = new CarePlanContent
        {
            AboutMe = Text(nameof(AboutMe), AboutMe, "About me and what matters to me"),
            MyHealth = Text(nameof(MyHealth), MyHealth, "My health conditions"),
        };
        var goals = new List<GoalContent>();
        for (var i = 0; i < Goals.Count; i++)
        {
            var g = Goals[i];
            if (g.IsBlank)
            {
                continue;
            }
            var key = $"{nameof(Goals)}[{i}].";
            var words = v.Required(key + nameof(GoalForm.InMyWords), g.InMyWords, "Enter the goal, in the person's words", CarePlanService.ItemMaxLength, "Goal") ?? "";
            var know = v.Optional(key + nameof(GoalForm.HowIWillKnow), g.HowIWillKnow, CarePlanService.ItemMaxLength, "How I'll know") ?? "";
            var by = Date(key + nameof(GoalForm.ByWhen), g.ByWhen, "By when");
            goals.Add(new GoalContent(g.Id ?? Guid.NewGuid(), words, know, by, g.Progress));
        }
        var actions = new List<ActionContent>();
        for (var i = 0; i < Actions.Count; i++)
        {
            var a = Actions[i];
            if (a.IsBlank)
            {
                continue;
            }
            var key = $"{nameof(Actions)}[{i}].";
            var what = v.Required(key + nameof(ActionForm.What), a.What, "Enter what will be done", CarePlanService.ItemMaxLength, "What will be done") ?? "";
            if (a.Who is null)
            {
                v.Add(key + nameof(ActionForm.Who), "Select who will do it");
            }
            var whoName = v.Optional(key + nameof(ActionForm.WhoName), a.WhoName, 200, "Name") ?? "";
            var by = Date(key + nameof(ActionForm.ByWhen), a.ByWhen, "By when");
            actions.Add(new ActionContent(a.Id ?? Guid.NewGuid(), what, a.Who ?? ActionBy.Me, whoName, by, a.Done));
        }
        content = content with
        {
            Goals = goals,
            Actions = actions,
            SupportNetwork = Text(nameof(SupportNetwork), SupportNetwork, "My support network"),
            IfThingsGetWorse = Text(nameof(IfThingsGetWorse), IfThingsGetWorse, "If things get worse"),
            WhoToCall = Text(nameof(WhoToCall), WhoToCall, "Who to call"),
            CommunicationPreferences = Text(nameof(CommunicationPreferences), CommunicationPreferences, "How I like to be contacted"),
            PeopleInvolved = Text(nameof(PeopleInvolved), PeopleInvolved, "People involved in my care"),
        };
        if (ReviewOn.IsEmpty)
        {
            v.Add(nameof(ReviewOn), "Enter a review date");
        }
        else if (Date(nameof(ReviewOn), ReviewOn, "Review date") is { } review)
        {
            if (review < today && review != savedReviewOn)
            {
                v.Add(nameof(ReviewOn), "Review date must be today or in the future");
            }
            content = content with { ReviewOn = review };
        }
        return content;
    }
}
