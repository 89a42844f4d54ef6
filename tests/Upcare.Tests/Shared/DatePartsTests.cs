using Upcare.Shared;

namespace Upcare.Tests.Shared;

public class DatePartsTests
{
    [Theory]
    [InlineData("", "", "", "Enter date of birth")]
    [InlineData("1", "", "1980", "Date of birth must include a month")]
    [InlineData("", "", "1980", "Date of birth must include a day and a month")]
    [InlineData("31", "2", "1980", "Date of birth must be a real date")]
    [InlineData("1", "13", "1980", "Date of birth must be a real date")]
    [InlineData("1", "1", "80", "Date of birth must be a real date")]
    public void Incomplete_or_impossible_dates_say_what_is_wrong(string day, string month, string year, string message)
    {
        var parts = new DateParts { Day = day, Month = month, Year = year };
        Assert.False(parts.TryParse("Date of birth", out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_leap_day_is_a_real_date()
    {
        Assert.True(new DateParts { Day = "29", Month = "2", Year = "2024" }.TryParse("Date", out var d, out _));
        Assert.Equal(new DateOnly(2024, 2, 29), d);
    }
}
