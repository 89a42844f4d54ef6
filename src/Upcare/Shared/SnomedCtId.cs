namespace Upcare.Shared;

/// <summary>Checks SNOMED CT identifiers: digits only, no leading zero, 6–18 long, a concept partition, and a Verhoeff check digit.</summary>
public static class SnomedCtId
{
    // Verhoeff tables (dihedral group D5), as given in SNOMED CT's "Check-digit" specification.
    private static readonly int[,] D =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] P =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    private static readonly int[] Inverse = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

    /// <summary>True when the Verhoeff check over all digits (check digit included) comes to zero.</summary>
    public static bool HasValidCheckDigit(string id)
    {
        if (string.IsNullOrEmpty(id) || !id.All(char.IsAsciiDigit))
        {
            return false;
        }
        var c = 0;
        for (var i = 0; i < id.Length; i++)
        {
            c = D[c, P[i % 8, id[id.Length - 1 - i] - '0']];
        }
        return c == 0;
    }

    /// <summary>The Verhoeff check digit to append to <paramref name="payload"/>.</summary>
    public static int CheckDigitFor(string payload)
    {
        var c = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            c = D[c, P[(i + 1) % 8, payload[payload.Length - 1 - i] - '0']];
        }
        return Inverse[c];
    }

    /// <summary>Null when <paramref name="id"/> is a well-formed concept ID; otherwise what is wrong with it, in plain English.</summary>
    public static string? ProblemWithConceptId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "Enter a SNOMED CT concept ID";
        }
        if (!id.All(char.IsAsciiDigit))
        {
            return "SNOMED CT concept ID must contain only numbers";
        }
        if (id.Length is < 6 or > 18 || id[0] == '0')
        {
            return "SNOMED CT concept ID must be 6 to 18 digits and not start with 0";
        }
        // Digits 2–3 from the right are the partition: 00 for an International concept, 10 for an extension concept.
        var partition = id.Substring(id.Length - 3, 2);
        if (partition is not ("00" or "10"))
        {
            return "SNOMED CT ID is not a concept ID (it identifies a description or relationship)";
        }
        return HasValidCheckDigit(id) ? null : "SNOMED CT concept ID is not valid: check the digits";
    }
}
