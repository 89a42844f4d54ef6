using Upcare.PersonalBudgets;

namespace Upcare.Tests.PersonalBudgets;

/// <summary>Direct payment review clocks at their boundaries, with the date controlled.</summary>
public sealed class ReviewClockTests
{
    private static readonly DateOnly Start = new(2027, 1, 31);

    [Theory]
    [InlineData(3, "2027-04-29", "2027-04-30", false)] // NHS: within 3 months; 31 Jan + 3 months is 30 April
    [InlineData(3, "2027-04-30", "2027-04-30", false)] // due on the day itself
    [InlineData(3, "2027-05-01", "2027-04-30", true)]  // overdue the day after
    [InlineData(6, "2027-07-31", "2027-07-31", false)] // social care: within 6 months
    [InlineData(6, "2027-08-01", "2027-07-31", true)]
    public void The_first_review_is_due_within_the_funders_months_of_the_start(int months, string today, string due, bool overdue)
    {
        var next = ReviewClock.Next([(Start, months)], 12, null, null, DateOnly.Parse(today))!;
        Assert.Equal((DateOnly.Parse(due), overdue), (next.DueOn, next.Overdue));
    }

    [Fact]
    public void After_a_review_the_next_is_due_within_12_months_of_it()
    {
        var next = ReviewClock.Next([(Start, 3)], 12, new DateOnly(2027, 4, 10), null, new DateOnly(2028, 4, 10))!;
        Assert.Equal((new DateOnly(2028, 4, 10), false), (next.DueOn, next.Overdue));
        Assert.True(ReviewClock.Next([(Start, 3)], 12, new DateOnly(2027, 4, 10), null, new DateOnly(2028, 4, 11))!.Overdue);
    }

    [Fact]
    public void An_integrated_budget_is_due_on_its_earliest_streams_clock()
    {
        var next = ReviewClock.Next([(Start, 6), (Start, 3)], 12, null, null, Start)!;
        Assert.Equal(new DateOnly(2027, 4, 30), next.DueOn);
    }

    [Fact]
    public void A_change_in_needs_makes_a_review_due_at_once_until_reviewed()
    {
        var changed = new DateOnly(2027, 2, 15);
        var next = ReviewClock.Next([(Start, 3)], 12, null, changed, new DateOnly(2027, 2, 16))!;
        Assert.Equal((changed, true, "the person's needs have changed"), (next.DueOn, next.Overdue, next.Why));
        var afterReview = ReviewClock.Next([(Start, 3)], 12, new DateOnly(2027, 2, 20), changed, new DateOnly(2027, 2, 21))!;
        Assert.Equal(new DateOnly(2028, 2, 20), afterReview.DueOn);
    }
}
