using System.Text.Json;
using Microsoft.Extensions.Options;
using Upcare.Hosting;

namespace Upcare.Outcomes;

/// <summary>The <c>Upcare:Outcomes</c> configuration section: values the reference marks UNVERIFIED live here, not in code.</summary>
public sealed class OutcomeOptions
{
    /// <summary>
    /// Where the licensed instrument texts (SWEMWBS, WEMWBS, collaboRATE, MYCaW) are, as supplied by the organisation that
    /// holds the licence. Empty: demo mode loads the marked demo copies shipped with Upcare; otherwise they are not offered.
    /// </summary>
    public string? LicensedInstrumentsDirectory { get; set; }

    /// <summary>Bands to use instead of, or in addition to, an instrument's own: instrument code → score code → bands.</summary>
    public Dictionary<string, Dictionary<string, List<ScoreBand>>> Bands { get; set; } = [];

    /// <summary>The smallest change in a score that counts as meaningful for one person: instrument code → score code → points.</summary>
    public Dictionary<string, Dictionary<string, decimal>> MeaningfulChange { get; set; } = [];

    /// <summary>collaboRATE is reported for a clinician only with at least this many complete encounters (Elwyn/Barr: 25).</summary>
    public int CollaborateMinimumEncounters { get; set; } = 25;

    /// <summary>How often to look for questionnaires that have fallen due and remind the person.</summary>
    public TimeSpan ReminderEvery { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The instruments Upcare offers: the shipped public-domain ones, and the licensed ones when their text is supplied.</summary>
public sealed class InstrumentCatalogue
{
    private readonly Dictionary<string, InstrumentDefinition> _byCode;

    public InstrumentCatalogue(IOptions<OutcomeOptions> options, IOptions<UpcareOptions> upcare, IHostEnvironment environment)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "Outcomes", "Instruments");
        var licensed = options.Value.LicensedInstrumentsDirectory is { Length: > 0 } dir
            ? Path.GetFullPath(dir, environment.ContentRootPath)
            : DatabaseStartup.IsDemo(upcare.Value, environment) ? Path.Combine(AppContext.BaseDirectory, "Outcomes", "DemoLicensedInstruments") : null;
        LicensedSource = licensed;
        var all = Load(shipped).Concat(licensed is null ? [] : Load(licensed)).Select(i => WithConfiguredBands(i, options.Value));
        _byCode = new Dictionary<string, InstrumentDefinition>(StringComparer.Ordinal);
        foreach (var instrument in all)
        {
            if (!_byCode.TryAdd(instrument.Code, instrument))
            {
                throw new InvalidOperationException($"Two instrument definitions have the code '{instrument.Code}'");
            }
        }
        MeaningfulChange = options.Value.MeaningfulChange;
    }

    /// <summary>Where licensed texts were loaded from, or null when none are.</summary>
    public string? LicensedSource { get; }

    public IReadOnlyDictionary<string, Dictionary<string, decimal>> MeaningfulChange { get; }

    public IReadOnlyList<InstrumentDefinition> All => _byCode.Values.OrderBy(i => i.Name, StringComparer.Ordinal).ToList();

    /// <summary>The recovery capital measures the organisation supplied (none ship: REC-CAP and BARC-10 are licensed).</summary>
    public IReadOnlyList<InstrumentDefinition> RecoveryCapital => All.Where(i => i.IsRecoveryCapital).ToList();

    public InstrumentDefinition? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var i) ? i : null;

    /// <summary>The smallest meaningful change configured for this score, if any.</summary>
    public decimal? MeaningfulChangeFor(string instrument, string score) =>
        MeaningfulChange.TryGetValue(instrument, out var scores) && scores.TryGetValue(score, out var points) ? points : null;

    private static IEnumerable<InstrumentDefinition> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"The instrument folder {directory} does not exist (Upcare:Outcomes:LicensedInstrumentsDirectory).");
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            InstrumentDefinition? instrument;
            try
            {
                instrument = JsonSerializer.Deserialize<InstrumentDefinition>(File.ReadAllText(file), InstrumentDefinition.Json);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"Instrument definition {file} is not valid: {e.Message}", e);
            }
            yield return Check(instrument ?? throw new InvalidOperationException($"Instrument definition {file} is empty"), file);
        }
    }

    /// <summary>Refuses a definition that could not be asked or scored, naming the file and the problem.</summary>
    public static InstrumentDefinition Check(InstrumentDefinition i, string file)
    {
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                throw new InvalidOperationException($"Instrument definition {file}: {problem}");
            }
        }
        Require(!string.IsNullOrWhiteSpace(i.Code) && !string.IsNullOrWhiteSpace(i.Name), "needs a code and a name");
        Require(Scoring.Rules.Contains(i.Scoring), $"unknown scoring rule '{i.Scoring}' (known: {string.Join(", ", Scoring.Rules)})");
        Require(i.Items.Count > 0, "has no items");
        Require(i.Items.Select(x => x.Code).Distinct().Count() == i.Items.Count, "two items share a code");
        foreach (var item in i.Items)
        {
            Require(item.Kind != ItemKind.Choice || item.Choices.Count >= 2, $"item '{item.Code}' needs at least two answer options");
            Require(item.Kind != ItemKind.Number || (item.Minimum is not null && item.Maximum is not null), $"number item '{item.Code}' needs a minimum and a maximum");
        }
        return i;
    }

    private static InstrumentDefinition WithConfiguredBands(InstrumentDefinition i, OutcomeOptions options)
    {
        if (!options.Bands.TryGetValue(i.Code, out var configured) || configured.Count == 0)
        {
            return i;
        }
        var bands = i.BandsByScore.ToDictionary(b => b.Key, b => b.Value);
        foreach (var (score, list) in configured)
        {
            bands[score] = list;
        }
        return i with { Bands = bands };
    }
}
