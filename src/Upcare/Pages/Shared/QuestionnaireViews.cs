using Upcare.Outcomes;

namespace Upcare.Pages.Shared;

/// <summary>What the questionnaire form partial shows: some or all items of a response, and which buttons.</summary>
public sealed record QuestionnaireFormView(
    InstrumentDefinition Instrument, MeasureResponse Response, IReadOnlyList<InstrumentItem> Items, IReadOnlyDictionary<string, string?> Values,
    bool IsLastPage, bool OnePerPage, string? ContinueLabel = null);

/// <summary>What the trend partial shows: an instrument's scores over time.</summary>
public sealed record TrendView(InstrumentDefinition Instrument, IReadOnlyList<ScoreTrend> Trends);
