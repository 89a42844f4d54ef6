using System.Text.RegularExpressions;

namespace Upcare.Shared;

/// <summary>A UK postcode in the BS 7666 format, normalised to upper case with one space before the inward code.</summary>
public static partial class Postcode
{
    // Position rules from BS 7666: first letter not Q, V, X; second not I, J, Z; the letter in A9A only from
    // ABCDEFGHJKPSTUW; the letter in AA9A only from ABEHMNPRVWXY; inward letters never C, I, K, M, O, V.
    [GeneratedRegex(
        "^(GIR 0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Upper-cases and puts exactly one space before the last three characters; null for blank input.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var compact = new string(input.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return compact.Length < 5 ? compact : $"{compact[..^3]} {compact[^3..]}";
    }

    public static bool IsValid(string? input) => Normalise(input) is { } p && Pattern().IsMatch(p);

    /// <summary>The outward code ("NE4" of "NE4 5AB").</summary>
    public static string Outward(string normalised) => normalised.Split(' ')[0];
}
