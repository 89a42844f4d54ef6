namespace Upcare.People;

/// <summary>An NHS number: ten digits whose last is a Modulus 11 check digit (NHS Data Dictionary).</summary>
public readonly record struct NhsNumber
{
    private static readonly int[] Weights = [10, 9, 8, 7, 6, 5, 4, 3, 2];

    private NhsNumber(string digits) => Value = digits;

    /// <summary>The ten digits, without spaces; kept as a string because a leading zero is allowed.</summary>
    public string Value { get; }

    /// <summary>The form people read and say: "943 476 5919".</summary>
    public string Formatted => $"{Value[..3]} {Value[3..6]} {Value[6..]}";

    public override string ToString() => Formatted;

    /// <summary>Reads what someone typed, allowing spaces and hyphens between the digits.</summary>
    public static bool TryParse(string? input, out NhsNumber nhsNumber)
    {
        nhsNumber = default;
        var digits = Normalise(input);
        if (digits is null || !HasValidCheckDigit(digits))
        {
            return false;
        }
        nhsNumber = new NhsNumber(digits);
        return true;
    }

    /// <summary>Strips spaces and hyphens; null unless exactly ten digits remain.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 10 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The Modulus 11 check digit for the first nine digits, or null when the result is 10 (no valid number).</summary>
    public static int? CheckDigitFor(ReadOnlySpan<char> firstNine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (firstNine[i] - '0') * Weights[i];
        }
        var check = 11 - sum % 11;
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    private static bool HasValidCheckDigit(string digits) =>
        CheckDigitFor(digits.AsSpan(0, 9)) is { } check && check == digits[9] - '0';

    /// <summary>True for the 999 range that NHS England keeps for testing and never issues.</summary>
    public bool IsTestNumber => Value.StartsWith("999", StringComparison.Ordinal);

    public static NhsNumber Parse(string input) =>
        TryParse(input, out var n) ? n : throw new FormatException($"'{input}' is not a valid NHS number.");
}
