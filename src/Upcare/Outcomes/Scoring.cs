using System.Globalization;

namespace Upcare.Outcomes;

/// <summary>One score of a completed response: "total" 12 "Moderate", or ONS4's "anxious" 3 "Low".</summary>
public sealed record Score(string Code, string Label, decimal Value, string? Band);

/// <summary>The scores of one response, and anything a person must look at (e.g. PHQ-9 item 9).</summary>
public sealed record ScoredResponse(IReadOnlyList<Score> Scores, IReadOnlyList<string> Flags);

/// <summary>An answer given: a value for choice and number items, words for text items.</summary>
public sealed record GivenAnswer(string ItemCode, decimal? Value, string? Text);

/// <summary>Thrown when answers cannot be scored: an answer out of range or a required one missing.</summary>
public sealed class ScoringException(string itemCode, string message) : Exception(message)
{
    public string ItemCode { get; } = itemCode;
}

/// <summary>
/// The scoring rules, exactly as their authors publish them. Each instrument definition names its rule; bands come
/// from the definition (verified values) or configuration (values the reference marks UNVERIFIED).
/// </summary>
public static class Scoring
{
    /// <summary>The scoring rules an instrument definition may name.</summary>
    public static readonly string[] Rules = ["sum", "ons4", "swemwbs", "phq9", "sure", "ucla3", "category", "collaborate", "mycaw", "pam"];

    /// <summary>
    /// SWEMWBS raw score (7–35) to metric score, the Rasch conversion (Warwick Medical School; the same 29 values in three
    /// independent public implementations — ../shared/reference/measures-and-codes.md §1.2). Index = raw − 7.
    /// </summary>
    public static readonly decimal[] SwemwbsMetric =
    [
        7.00m, 9.51m, 11.25m, 12.40m, 13.33m, 14.08m, 14.75m, 15.32m, 15.84m, 16.36m,
        16.88m, 17.43m, 17.98m, 18.59m, 19.25m, 19.98m, 20.73m, 21.54m, 22.35m, 23.21m,
        24.11m, 25.03m, 26.02m, 27.03m, 28.13m, 29.31m, 30.70m, 32.55m, 35.00m,
    ];

    public static decimal SwemwbsToMetric(int raw) =>
        raw is >= 7 and <= 35 ? SwemwbsMetric[raw - 7] : throw new ArgumentOutOfRangeException(nameof(raw), raw, "A SWEMWBS raw score is a whole number from 7 to 35");

    /// <summary>PAM level from a PAM score (0–100), Insignia's published ranges (§5): 1 ≤ 47.0, 2 ≤ 55.1, 3 ≤ 67.0, else 4.</summary>
    public static int PamLevel(decimal score) => score switch
    {
        < 0 or > 100 => throw new ArgumentOutOfRangeException(nameof(score), score, "A PAM score is from 0 to 100"),
        <= 47.0m => 1,
        <= 55.1m => 2,
        <= 67.0m => 3,
        _ => 4,
    };

    /// <summary>Checks every answer against its item, then applies the instrument's rule.</summary>
    public static ScoredResponse Score(InstrumentDefinition instrument, IReadOnlyList<GivenAnswer> answers)
    {
        var byItem = Validate(instrument, answers);
        decimal V(string code) => byItem.TryGetValue(code, out var a) && a.Value is { } v ? v : 0;
        var flags = new List<string>();
        var scores = new List<Score>();
        void Add(string code, string label, decimal value) => scores.Add(new Score(code, label, value, instrument.BandFor(code, value)));

        switch (instrument.Scoring)
        {
            case "sum":
                Add("total", "Total", instrument.Items.Where(i => i.Kind == ItemKind.Choice).Sum(i => V(i.Code)));
                break;
            case "ons4":
                // ONS does not combine the four: each is its own score with its own bands (anxiety banded the other way).
                foreach (var item in instrument.Items)
                {
                    Add(item.Code, ShortLabel(item), V(item.Code));
                }
                break;
            case "swemwbs":
                var raw = (int)instrument.Items.Sum(i => V(i.Code));
                scores.Add(new Score("raw", "Raw score", raw, null));
                Add("metric", "Metric score", SwemwbsToMetric(raw));
                break;
            case "phq9":
                // Items 1–9 are scored; item 10 (how difficult) is not.
                Add("total", "Total", instrument.Items.Take(9).Sum(i => V(i.Code)));
                if (V(instrument.Items[8].Code) >= 1)
                {
                    flags.Add("Item 9 (thoughts that you would be better off dead, or of hurting yourself) answered " +
                        OptionLabel(instrument.Items[8], V(instrument.Items[8].Code)) + ": a clinician must follow this up today.");
                }
                break;
            case "sure":
                Add("total", "Total", instrument.Items.Sum(i => V(i.Code)));
                break;
            case "ucla3":
                Add("total", "Total", instrument.Items.Sum(i => V(i.Code)));
                break;
            case "category":
                var only = instrument.Items[0];
                scores.Add(new Score(only.Code, ShortLabel(only), V(only.Code), OptionLabel(only, V(only.Code))));
                break;
            case "collaborate":
                // One encounter: its mean (0–9) and whether it is a "top score" (every item 9). The clinician's figures
                // come from many encounters (CollaborateReport).
                var values = instrument.Items.Select(i => V(i.Code)).ToList();
                Add("mean", "Mean of the three items", Math.Round(values.Average(), 2));
                Add("top", "Top score (all three 9)", values.All(v => v == 9) ? 1 : 0);
                break;
            case "mycaw":
                foreach (var item in instrument.Items.Where(i => i.Kind == ItemKind.Choice && byItem.ContainsKey(i.Code)))
                {
                    Add(item.Code, ShortLabel(item), V(item.Code));
                }
                break;
            case "pam":
                var pam = V(instrument.Items[0].Code);
                scores.Add(new Score("score", "PAM score", pam, null));
                Add("level", "PAM level", PamLevel(pam));
                break;
            default:
                throw new InvalidOperationException($"Instrument {instrument.Code} names an unknown scoring rule '{instrument.Scoring}'");
        }
        return new ScoredResponse(scores, flags);
    }

    /// <summary>Every required item answered, every answer one of its options or in its range; nothing else.</summary>
    public static Dictionary<string, GivenAnswer> Validate(InstrumentDefinition instrument, IReadOnlyList<GivenAnswer> answers)
    {
        var byItem = new Dictionary<string, GivenAnswer>();
        foreach (var answer in answers)
        {
            var item = instrument.Item(answer.ItemCode) ?? throw new ScoringException(answer.ItemCode, $"{instrument.Name} has no question '{answer.ItemCode}'");
            if (ProblemWith(item, answer) is { } problem)
            {
                throw new ScoringException(item.Code, problem);
            }
            if (!IsEmpty(item, answer))
            {
                byItem[item.Code] = answer;
            }
        }
        // MYCaW: a concern's score is needed only when the concern itself was named.
        foreach (var item in instrument.Items.Where(i => i.Required || RequiredBecauseNamed(instrument, i, byItem)))
        {
            if (!byItem.ContainsKey(item.Code))
            {
                throw new ScoringException(item.Code, item.Kind == ItemKind.Text ? $"Enter an answer to \"{item.Text}\"" : $"Answer \"{item.Text}\"");
            }
        }
        return byItem;
    }

    /// <summary>What is wrong with one answer, or null.</summary>
    public static string? ProblemWith(InstrumentItem item, GivenAnswer answer)
    {
        switch (item.Kind)
        {
            case ItemKind.Choice when answer.Value is { } v && item.Choices.All(o => o.Value != v):
                return $"Choose one of the answers given for \"{item.Text}\"";
            case ItemKind.Number when answer.Value is { } n && ((item.Minimum is { } min && n < min) || (item.Maximum is { } max && n > max)):
                return $"\"{item.Text}\" must be from {item.Minimum?.ToString(CultureInfo.InvariantCulture)} to {item.Maximum?.ToString(CultureInfo.InvariantCulture)}";
            case ItemKind.Text when answer.Text is { Length: > OutcomeLimits.Text }:
                return $"\"{item.Text}\" must be {OutcomeLimits.Text} characters or fewer";
            default:
                return null;
        }
    }

    private static bool IsEmpty(InstrumentItem item, GivenAnswer answer) =>
        item.Kind == ItemKind.Text ? string.IsNullOrWhiteSpace(answer.Text) : answer.Value is null;

    private static bool RequiredBecauseNamed(InstrumentDefinition instrument, InstrumentItem item, Dictionary<string, GivenAnswer> given) =>
        instrument.Scoring == "mycaw" && item.Code.EndsWith("-score", StringComparison.Ordinal) && given.ContainsKey(item.Code[..^"-score".Length]);

    private static string ShortLabel(InstrumentItem item) => item.Label ?? item.Text;

    private static string OptionLabel(InstrumentItem item, decimal value) => item.Choices.FirstOrDefault(o => o.Value == value)?.Label ?? value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Lengths of what people type into questionnaires.</summary>
public static class OutcomeLimits
{
    public const int Text = 500;
}
