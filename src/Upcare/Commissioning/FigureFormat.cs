using System.Text;
using System.Text.RegularExpressions;

namespace Upcare.Commissioning;

/// <summary>How commissioners' figures are downloaded: CSV quoted properly, and never a formula.</summary>
public static partial class FigureFormat
{
    /// <summary>Rows as CSV (RFC 4180 quoting), with a header.</summary>
    public static byte[] Csv(IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Cell));
            text.Append("\r\n");
        }
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }

    /// <summary>
    /// One cell. Names come from organisations and imports, so a cell a spreadsheet would run as a formula (it starts
    /// with = + - @, a tab or a carriage return) is written after an apostrophe, which shows it as text (OWASP's advice);
    /// a plain number such as -3 or +2.50 is left as it is.
    /// </summary>
    public static string Cell(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(cell))
        {
            cell = "'" + cell;
        }
        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();
}
