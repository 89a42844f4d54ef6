using System.Globalization;

namespace Upcare.Shared;

/// <summary>Shows stored UTC instants in UK local time (Europe/London), as people read them.</summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    public static DateTimeOffset ToUk(DateTime utc) =>
        ToUk(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>"3 March 2026 at 2:05pm", the NHS.UK style for dates with times.</summary>
    public static string FormatDateTime(DateTime utc)
    {
        var local = ToUk(utc);
        var time = local.ToString("h:mm", EnGb) + (local.Hour < 12 ? "am" : "pm");
        return $"{local.ToString("d MMMM yyyy", EnGb)} at {time}";
    }

    /// <summary>Today's date in the UK, which is what "in the future" and ages are judged against.</summary>
    /// <summary>The UTC instant a UK date begins (midnight in London, BST or GMT).</summary>
    public static DateTime StartOfDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), London);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToUk(clock.GetUtcNow()).DateTime);

    /// <summary>"3 March 2026".</summary>
    public static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", EnGb);
}
