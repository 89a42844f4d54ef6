using System.Globalization;
using System.Text;

namespace Upcare.Commissioning;

/// <summary>How commissioners' figures are shown and downloaded: small numbers suppressed, CSV quoted properly.</summary>
public static class FigureFormat
{
    /// <summary>A count, or "fewer than N" so no one can be identified (0 is shown: it identifies no one).</summary>
    public static string Count(int n, int suppressBelow) => n > 0 && n < suppressBelow ? $"fewer than {suppressBelow}" : n.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>Rows as CSV (RFC 4180 quoting), with a header.</summary>
    public static byte[] Csv(IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(cell => cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell));
            text.Append("\r\n");
        }
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }
}
