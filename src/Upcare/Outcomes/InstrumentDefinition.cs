using System.Text.Json;
using System.Text.Json.Serialization;

namespace Upcare.Outcomes;

/// <summary>How an item is answered: by choosing one option, by typing words, or by entering a number.</summary>
public enum ItemKind
{
    Choice,
    Text,
    Number,
}

/// <summary>One answer a person can choose, and the value it scores.</summary>
public sealed record AnswerOption(decimal Value, string Label);

/// <summary>One question of an instrument.</summary>
public sealed record InstrumentItem(
    string Code,
    string Text,
    ItemKind Kind = ItemKind.Choice,
    IReadOnlyList<AnswerOption>? Options = null,
    bool Required = true,
    decimal? Minimum = null,
    decimal? Maximum = null,
    string? Hint = null,
    string? Label = null)
{
    public IReadOnlyList<AnswerOption> Choices => Options ?? [];
}

/// <summary>A named range of a score, both ends included ("Low" 0–4).</summary>
public sealed record ScoreBand(string Label, decimal From, decimal To)
{
    public bool Contains(decimal value) => value >= From && value <= To;
}

/// <summary>
/// A validated questionnaire as data: its items and answer options, the name of its scoring rule, its bands, and where
/// it comes from and under what licence. Public-domain instruments ship with Upcare; licensed text is supplied by the
/// organisation that holds the licence and loaded the same way.
/// </summary>
public sealed record InstrumentDefinition(
    string Code,
    string Name,
    string Version,
    string Scoring,
    string Introduction,
    string Licence,
    string Source,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyDictionary<string, IReadOnlyList<ScoreBand>>? Bands = null,
    bool DemoCopy = false,
    bool PractitionerOnly = false,
    IReadOnlyList<string>? LowerIsBetter = null,
    string? Measures = null)
{
    /// <summary>What <see cref="Measures"/> says of a recovery capital measure (REC-CAP, BARC-10), whose total commissioners follow.</summary>
    public const string RecoveryCapital = "recovery-capital";

    public bool IsRecoveryCapital => Measures == RecoveryCapital;

    /// <summary>The name as lists show it, with what it measures where that is not in the name.</summary>
    public string ListName => Name + (IsRecoveryCapital ? " (recovery capital)" : "");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public IReadOnlyDictionary<string, IReadOnlyList<ScoreBand>> BandsByScore => Bands ?? new Dictionary<string, IReadOnlyList<ScoreBand>>();

    /// <summary>True when a fall in this score is an improvement (PHQ-9, GAD-7, ONS4 anxiety, UCLA-3, MYCaW).</summary>
    public bool IsLowerBetter(string scoreCode) => LowerIsBetter?.Contains(scoreCode) == true;

    /// <summary>
    /// The version as FHIR canonicals carry it (<c>url|version</c>): the described version ("GSS harmonised standard")
    /// as one token with no whitespace ("gss-harmonised-standard"), so the canonical is a valid URI.
    /// </summary>
    public static string CanonicalVersion(string version)
    {
        var token = new System.Text.StringBuilder(version.Length);
        foreach (var c in version.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '.')
            {
                token.Append(char.ToLowerInvariant(c));
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && token.Length > 0 && token[^1] != '-')
            {
                token.Append('-');
            }
        }
        return token.ToString().TrimEnd('-') is { Length: > 0 } t ? t : "1";
    }

    public InstrumentItem? Item(string code) => Items.FirstOrDefault(i => i.Code == code);

    /// <summary>The band a score falls in, if the instrument (or configuration) names bands for it.</summary>
    public string? BandFor(string scoreCode, decimal value) =>
        BandsByScore.TryGetValue(scoreCode, out var bands) ? bands.FirstOrDefault(b => b.Contains(value))?.Label : null;
}
