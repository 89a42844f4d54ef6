using System.Text;

namespace Upcare.Commissioning;

/// <summary>How commissioners' figures are downloaded: CSV quoted properly.</summary>
public static class FigureFormat
{
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
