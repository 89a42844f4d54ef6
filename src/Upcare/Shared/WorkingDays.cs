namespace Upcare.Shared;

/// <summary>Counts working days: Monday to Friday, less the bank holidays the service is configured with.</summary>
public sealed class WorkingDays(IEnumerable<DateOnly> bankHolidays)
{
    private readonly HashSet<DateOnly> _holidays = bankHolidays.ToHashSet();

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The working day <paramref name="days"/> working days after <paramref name="from"/>.</summary>
    public DateOnly Add(DateOnly from, int days)
    {
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }
}
