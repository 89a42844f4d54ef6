using System.Globalization;

namespace Upcare.Shared;

/// <summary>A date typed into the NHS.UK date input as separate day, month and year boxes.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts From(DateOnly date) => new()
    {
        Day = date.Day.ToString(CultureInfo.InvariantCulture),
        Month = date.Month.ToString(CultureInfo.InvariantCulture),
        Year = date.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses the parts; on failure, <paramref name="error"/> says what is wrong in the NHS.UK voice, naming the field.</summary>
    public bool TryParse(string fieldName, out DateOnly date, out string? error)
    {
        date = default;
        error = null;
        if (IsEmpty)
        {
            error = $"Enter {Lower(fieldName)}";
            return false;
        }
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Day)) missing.Add("a day");
        if (string.IsNullOrWhiteSpace(Month)) missing.Add("a month");
        if (string.IsNullOrWhiteSpace(Year)) missing.Add("a year");
        if (missing.Count > 0)
        {
            error = $"{fieldName} must include {string.Join(" and ", missing)}";
            return false;
        }
        if (!int.TryParse(Day!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ||
            !int.TryParse(Month!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ||
            !int.TryParse(Year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ||
            Year.Trim().Length != 4 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y is >= 1 and <= 9999 ? y : 2000, m))
        {
            error = $"{fieldName} must be a real date";
            return false;
        }
        date = new DateOnly(y, m, d);
        return true;
    }

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
