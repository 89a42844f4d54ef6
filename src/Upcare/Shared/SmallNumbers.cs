using System.Globalization;

namespace Upcare.Shared;

/// <summary>The small-number rule for aggregate figures: a count under the threshold could identify someone, so it is not shown.</summary>
public static class SmallNumbers
{
    /// <summary>A count, or "fewer than N" (0 is shown: it identifies no one).</summary>
    public static string Show(int n, int suppressBelow) =>
        n > 0 && n < suppressBelow ? $"fewer than {suppressBelow}" : n.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
}
