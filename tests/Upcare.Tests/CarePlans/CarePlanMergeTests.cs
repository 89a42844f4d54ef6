using Upcare.CarePlans;

namespace Upcare.Tests.CarePlans;

/// <summary>Putting two editors' work on one plan together: nothing either wrote is dropped without being shown.</summary>
public sealed class CarePlanMergeTests
{
    private static readonly Guid Walk = Guid.NewGuid();
    private static readonly Guid Call = Guid.NewGuid();

    private static readonly CarePlanContent Base = new()
    {
        AboutMe = "I like gardening",
        WhoToCall = "The surgery",
        ReviewOn = new DateOnly(2027, 3, 1),
        Goals = [new GoalContent(Walk, "Walk to the shops", "", null, GoalProgress.NotStarted)],
        Actions = [new ActionContent(Call, "Ring the walking group", ActionBy.Me, "", null, false)],
    };

    [Fact]
    public void Parts_changed_by_only_one_editor_take_that_change()
    {
        var theirs = Base with { AboutMe = "I like gardening and my dog" };
        var mine = Base with { WhoToCall = "The surgery, or my daughter" };
        var result = CarePlanContent.Merge(Base, theirs, mine);
        Assert.Empty(result.Conflicts);
        Assert.Equal("I like gardening and my dog", result.Merged.AboutMe);
        Assert.Equal("The surgery, or my daughter", result.Merged.WhoToCall);
        Assert.Equal([new PlanChange("About me and what matters to me", "I like gardening", "I like gardening and my dog")], result.TheirChanges);
    }

    [Fact]
    public void A_part_both_changed_differently_keeps_mine_and_reports_both()
    {
        var result = CarePlanContent.Merge(Base, Base with { AboutMe = "Allotment" }, Base with { AboutMe = "Church" });
        Assert.Equal("Church", result.Merged.AboutMe);
        Assert.Equal([new MergeConflict("About me and what matters to me", "Allotment", "Church")], result.Conflicts);
    }

    [Fact]
    public void The_same_change_made_by_both_is_not_a_conflict()
    {
        var result = CarePlanContent.Merge(Base, Base with { ReviewOn = new DateOnly(2027, 6, 1) }, Base with { ReviewOn = new DateOnly(2027, 6, 1) });
        Assert.Empty(result.Conflicts);
        Assert.Equal(new DateOnly(2027, 6, 1), result.Merged.ReviewOn);
    }

    [Fact]
    public void Goals_added_by_either_are_all_kept_and_progress_marked_by_one_is_kept()
    {
        var theirs = Base with { Goals = [Base.Goals[0] with { Progress = GoalProgress.Met }, new GoalContent(Guid.NewGuid(), "Lunch club", "", null, GoalProgress.NotStarted)] };
        var mine = Base with { Goals = [.. Base.Goals, new GoalContent(Guid.NewGuid(), "Sleep better", "", null, GoalProgress.NotStarted)] };
        var result = CarePlanContent.Merge(Base, theirs, mine);
        Assert.Empty(result.Conflicts);
        Assert.Equal(["Walk to the shops", "Sleep better", "Lunch club"], result.Merged.Goals.Select(g => g.InMyWords));
        Assert.Equal(GoalProgress.Met, result.Merged.Goals[0].Progress);
    }

    [Fact]
    public void A_goal_one_removed_and_the_other_changed_is_kept_and_reported()
    {
        var theirs = Base with { Goals = [] };
        var mine = Base with { Goals = [Base.Goals[0] with { InMyWords = "Walk to the shops and back" }] };
        var result = CarePlanContent.Merge(Base, theirs, mine);
        Assert.Equal(["Walk to the shops and back"], result.Merged.Goals.Select(g => g.InMyWords));
        Assert.Equal("(removed)", Assert.Single(result.Conflicts).Theirs);

        var untouched = CarePlanContent.Merge(Base, theirs, Base);
        Assert.Empty(untouched.Merged.Goals);
        Assert.Empty(untouched.Conflicts);
    }

    [Fact]
    public void Differences_name_each_part_that_changed_in_the_plans_order()
    {
        var after = Base with
        {
            AboutMe = "New",
            Goals = [Base.Goals[0] with { Progress = GoalProgress.Progressing }],
            Actions = [],
            ReviewOn = null,
        };
        Assert.Equal(["About me and what matters to me", "Goal changed", "Action removed", "Review date"], CarePlanContent.Differences(Base, after).Select(c => c.Part));
        Assert.Empty(CarePlanContent.Differences(Base, CarePlanContent.FromJson(Base.ToJson())));
    }
}
