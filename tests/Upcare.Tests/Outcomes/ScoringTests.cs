using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Upcare.Hosting;
using Upcare.Outcomes;

namespace Upcare.Tests.Outcomes;

/// <summary>Every instrument scored as its authors publish, checked on both sides of every band boundary.</summary>
public class ScoringTests
{
    /// <summary>The instruments as the app loads them: shipped ones, the demo copies, and the bands in appsettings.json.</summary>
    public static readonly InstrumentCatalogue Catalogue = Load();

    private static InstrumentCatalogue Load()
    {
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
        var options = configuration.GetSection("Upcare:Outcomes").Get<OutcomeOptions>()!;
        options.LicensedInstrumentsDirectory = Path.Combine(AppContext.BaseDirectory, "Outcomes", "DemoLicensedInstruments");
        return new InstrumentCatalogue(Options.Create(options), Options.Create(new UpcareOptions()), new TestEnvironment());
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Upcare";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    private static InstrumentDefinition I(string code) => Catalogue.Find(code) ?? throw new InvalidOperationException($"{code} not loaded");

    /// <summary>Answers every item of <paramref name="code"/> so that they add up to <paramref name="total"/>, lowest options first.</summary>
    private static List<GivenAnswer> Totalling(string code, int total)
    {
        var instrument = I(code);
        var items = instrument.Items.Where(i => i.Kind == ItemKind.Choice && i.Required).ToList();
        var answers = items.Select(i => i.Choices.Min(o => o.Value)).ToArray();
        var remaining = total - answers.Sum();
        for (var k = 0; k < items.Count && remaining > 0; k++)
        {
            var step = Math.Min(remaining, items[k].Choices.Max(o => o.Value) - answers[k]);
            answers[k] += step;
            remaining -= step;
        }
        Assert.Equal(0, remaining);
        return items.Select((item, k) => new GivenAnswer(item.Code, answers[k], null)).ToList();
    }

    private static Score ScoreOf(string code, List<GivenAnswer> answers, string scoreCode = "total") =>
        Scoring.Score(I(code), answers).Scores.Single(s => s.Code == scoreCode);

    [Fact]
    public void Every_shipped_and_demo_instrument_loads()
    {
        var codes = Catalogue.All.Select(i => i.Code).ToHashSet();
        Assert.Equal(["collaborate", "gad7", "mycaw", "ons-loneliness", "ons4", "pam", "phq9", "sure", "swemwbs", "ucla3", "wemwbs"], codes.Order());
        Assert.All(Catalogue.All.Where(i => i.Code is "swemwbs" or "wemwbs" or "collaborate" or "mycaw"), i => Assert.True(i.DemoCopy));
        Assert.All(Catalogue.All.Where(i => i.Code is "ons4" or "phq9" or "gad7" or "ucla3" or "ons-loneliness"), i => Assert.False(i.DemoCopy));
    }

    // SWEMWBS raw → metric: every row of the published conversion table (../shared/reference/measures-and-codes.md §1.2).
    [Theory]
    [InlineData(7, 7.00), InlineData(8, 9.51), InlineData(9, 11.25), InlineData(10, 12.40), InlineData(11, 13.33), InlineData(12, 14.08)]
    [InlineData(13, 14.75), InlineData(14, 15.32), InlineData(15, 15.84), InlineData(16, 16.36), InlineData(17, 16.88), InlineData(18, 17.43)]
    [InlineData(19, 17.98), InlineData(20, 18.59), InlineData(21, 19.25), InlineData(22, 19.98), InlineData(23, 20.73), InlineData(24, 21.54)]
    [InlineData(25, 22.35), InlineData(26, 23.21), InlineData(27, 24.11), InlineData(28, 25.03), InlineData(29, 26.02), InlineData(30, 27.03)]
    [InlineData(31, 28.13), InlineData(32, 29.31), InlineData(33, 30.70), InlineData(34, 32.55), InlineData(35, 35.00)]
    public void SWEMWBS_raw_scores_convert_to_the_published_metric_scores(int raw, double metric)
    {
        Assert.Equal((decimal)metric, Scoring.SwemwbsToMetric(raw));
        var scored = Scoring.Score(I("swemwbs"), Totalling("swemwbs", raw));
        Assert.Equal(raw, scored.Scores.Single(s => s.Code == "raw").Value);
        Assert.Equal((decimal)metric, scored.Scores.Single(s => s.Code == "metric").Value);
    }

    [Theory]
    [InlineData(6), InlineData(36)]
    public void SWEMWBS_refuses_a_raw_score_outside_7_to_35(int raw) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Scoring.SwemwbsToMetric(raw));

    [Fact]
    public void SWEMWBS_needs_all_seven_answers()
    {
        var six = Totalling("swemwbs", 21).Take(6).ToList();
        var e = Assert.Throws<ScoringException>(() => Scoring.Score(I("swemwbs"), six));
        Assert.Equal("own-mind", e.ItemCode);
    }

    // SWEMWBS bands (configuration: UNVERIFIED third-party norms): Low < 19.25 ≤ Typical < 29.31 ≤ High.
    [Theory]
    [InlineData(20, "Low"), InlineData(21, "Typical"), InlineData(31, "Typical"), InlineData(32, "High")]
    public void SWEMWBS_metric_bands_from_configuration(int raw, string band) =>
        Assert.Equal(band, ScoreOf("swemwbs", Totalling("swemwbs", raw), "metric").Band);

    // WEMWBS: a simple sum 14–70; bands are configuration.
    [Theory]
    [InlineData(14, "High risk of major depression"), InlineData(40, "High risk of major depression"), InlineData(41, "Possible depression or distress")]
    [InlineData(44, "Possible depression or distress"), InlineData(45, "Average"), InlineData(59, "Average"), InlineData(60, "High"), InlineData(70, "High")]
    public void WEMWBS_totals_and_bands(int total, string band)
    {
        var score = ScoreOf("wemwbs", Totalling("wemwbs", total));
        Assert.Equal(total, score.Value);
        Assert.Equal(band, score.Band);
    }

    // ONS4: four separate scores; anxiety is banded the other way (ONS thresholds).
    [Theory]
    [InlineData("satisfied", 4, "Low"), InlineData("satisfied", 5, "Medium"), InlineData("satisfied", 6, "Medium"), InlineData("satisfied", 7, "High")]
    [InlineData("worthwhile", 8, "High"), InlineData("worthwhile", 9, "Very high"), InlineData("happy", 0, "Low"), InlineData("happy", 10, "Very high")]
    [InlineData("anxious", 0, "Very low"), InlineData("anxious", 1, "Very low"), InlineData("anxious", 2, "Low"), InlineData("anxious", 3, "Low")]
    [InlineData("anxious", 4, "Medium"), InlineData("anxious", 5, "Medium"), InlineData("anxious", 6, "High"), InlineData("anxious", 10, "High")]
    public void ONS4_scores_each_question_separately_with_its_own_bands(string item, int value, string band)
    {
        var answers = I("ons4").Items.Select(i => new GivenAnswer(i.Code, i.Code == item ? value : 5, null)).ToList();
        var scored = Scoring.Score(I("ons4"), answers);
        Assert.Equal(4, scored.Scores.Count);
        Assert.DoesNotContain(scored.Scores, s => s.Code == "total");
        var score = scored.Scores.Single(s => s.Code == item);
        Assert.Equal(value, score.Value);
        Assert.Equal(band, score.Band);
    }

    // PHQ-9: 0–4 none/minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.
    [Theory]
    [InlineData(0, "None or minimal"), InlineData(4, "None or minimal"), InlineData(5, "Mild"), InlineData(9, "Mild"), InlineData(10, "Moderate")]
    [InlineData(14, "Moderate"), InlineData(15, "Moderately severe"), InlineData(19, "Moderately severe"), InlineData(20, "Severe"), InlineData(27, "Severe")]
    public void PHQ9_totals_and_bands(int total, string band)
    {
        var score = ScoreOf("phq9", Totalling("phq9", total));
        Assert.Equal(total, score.Value);
        Assert.Equal(band, score.Band);
    }

    [Theory]
    [InlineData(0, false), InlineData(1, true), InlineData(2, true), InlineData(3, true)]
    public void PHQ9_item_9_answered_1_or_more_is_flagged_whatever_the_total(int item9, bool flagged)
    {
        var answers = I("phq9").Items.Where(i => i.Required).Select(i => new GivenAnswer(i.Code, i.Code == "q9" ? item9 : 0, null)).ToList();
        var scored = Scoring.Score(I("phq9"), answers);
        Assert.Equal(item9, scored.Scores.Single().Value); // a total of 1–3 is "none or minimal", yet item 9 still flags
        Assert.Equal(flagged, scored.Flags.Count == 1);
        if (flagged)
        {
            Assert.Contains("Item 9", scored.Flags[0]);
        }
    }

    [Fact]
    public void PHQ9_item_10_is_optional_and_not_scored()
    {
        var answers = Totalling("phq9", 12).Append(new GivenAnswer("q10", 3, null)).ToList();
        Assert.Equal(12, ScoreOf("phq9", answers).Value);
    }

    // GAD-7: 0–4, 5–9, 10–14, 15–21.
    [Theory]
    [InlineData(0, "None or minimal"), InlineData(4, "None or minimal"), InlineData(5, "Mild"), InlineData(9, "Mild")]
    [InlineData(10, "Moderate"), InlineData(14, "Moderate"), InlineData(15, "Severe"), InlineData(21, "Severe")]
    public void GAD7_totals_and_bands(int total, string band)
    {
        var score = ScoreOf("gad7", Totalling("gad7", total));
        Assert.Equal(total, score.Value);
        Assert.Equal(band, score.Band);
    }

    // UCLA-3: 1–3 per item, 3–9 in all; the "lonely" cut-off (6) is configuration.
    [Theory]
    [InlineData(3, "Not lonely"), InlineData(5, "Not lonely"), InlineData(6, "Lonely"), InlineData(9, "Lonely")]
    public void UCLA3_totals_and_configured_cut_off(int total, string band)
    {
        var score = ScoreOf("ucla3", Totalling("ucla3", total));
        Assert.Equal(total, score.Value);
        Assert.Equal(band, score.Band);
    }

    [Theory]
    [InlineData(1, "Often or always"), InlineData(5, "Never")]
    public void The_direct_loneliness_question_is_reported_as_its_answer(int value, string label)
    {
        var score = Scoring.Score(I("ons-loneliness"), [new GivenAnswer("lonely", value, null)]).Scores.Single();
        Assert.Equal(label, score.Band);
    }

    // SURE: yes = 1, no = 0; any "no" (total 3 or less) is decisional conflict.
    [Theory]
    [InlineData(4, "No decisional conflict"), InlineData(3, "Decisional conflict"), InlineData(0, "Decisional conflict")]
    public void SURE_any_no_means_decisional_conflict(int yeses, string band) =>
        Assert.Equal(band, ScoreOf("sure", Totalling("sure", yeses)).Band);

    // PAM: levels from the score, both sides of each published boundary.
    [Theory]
    [InlineData(0, 1), InlineData(47.0, 1), InlineData(47.1, 2), InlineData(55.1, 2), InlineData(55.2, 3), InlineData(67.0, 3), InlineData(67.1, 4), InlineData(100, 4)]
    public void PAM_scores_are_recorded_as_their_level(double pam, int level)
    {
        Assert.Equal(level, Scoring.PamLevel((decimal)pam));
        var scored = Scoring.Score(I("pam"), [new GivenAnswer("score", (decimal)pam, null)]);
        Assert.Equal(level, scored.Scores.Single(s => s.Code == "level").Value);
        Assert.StartsWith($"Level {level}:", scored.Scores.Single(s => s.Code == "level").Band);
    }

    [Theory]
    [InlineData(-0.1), InlineData(100.1)]
    public void A_PAM_score_outside_0_to_100_is_refused(double pam) =>
        Assert.Throws<ScoringException>(() => Scoring.Score(I("pam"), [new GivenAnswer("score", (decimal)pam, null)]));

    [Fact]
    public void An_answer_that_is_not_one_of_the_options_is_refused()
    {
        var answers = Totalling("gad7", 5);
        answers[0] = answers[0] with { Value = 4 };
        var e = Assert.Throws<ScoringException>(() => Scoring.Score(I("gad7"), answers));
        Assert.Equal("q1", e.ItemCode);
    }

    [Fact]
    public void MYCaW_scores_each_concern_and_wellbeing_separately_and_needs_a_score_for_each_named_concern()
    {
        var baseline = Scoring.Score(I("mycaw"), [
            new GivenAnswer("concern1", null, "Walking to the shops"), new GivenAnswer("concern1-score", 5, null),
            new GivenAnswer("wellbeing", 4, null)]);
        Assert.Equal(["concern1-score", "wellbeing"], baseline.Scores.Select(s => s.Code));
        var e = Assert.Throws<ScoringException>(() => Scoring.Score(I("mycaw"), [
            new GivenAnswer("concern1", null, "Walking"), new GivenAnswer("concern1-score", 5, null),
            new GivenAnswer("concern2", null, "Money worries"), new GivenAnswer("wellbeing", 4, null)]));
        Assert.Equal("concern2-score", e.ItemCode);
    }

    [Fact]
    public void A_collaboRATE_encounter_scores_its_mean_and_whether_all_three_are_9()
    {
        var top = Scoring.Score(I("collaborate"), [new("understand", 9, null), new("listen", 9, null), new("include", 9, null)]);
        Assert.Equal(1, top.Scores.Single(s => s.Code == "top").Value);
        var not = Scoring.Score(I("collaborate"), [new("understand", 9, null), new("listen", 8, null), new("include", 7, null)]);
        Assert.Equal(0, not.Scores.Single(s => s.Code == "top").Value);
        Assert.Equal(8, not.Scores.Single(s => s.Code == "mean").Value);
    }

    private static IReadOnlyList<decimal?> E(decimal? a, decimal? b, decimal? c) => [a, b, c];

    [Fact]
    public void CollaboRATE_is_not_reported_below_25_complete_encounters()
    {
        var encounters = Enumerable.Range(0, 24).Select(_ => E(9, 9, 9)).Append(E(9, null, 9)).ToList();
        var result = CollaborateReport.Summarise(encounters, 25);
        Assert.False(result.Reportable);
        Assert.Equal(24, result.CompleteEncounters); // the one with a missing item does not count
        Assert.Null(result.MeanScore);
    }

    [Fact]
    public void CollaboRATE_at_25_complete_encounters_reports_top_score_and_mean()
    {
        // 20 encounters all 9 (top), 5 at 9, 9, 6 (not top; mean 8).
        var encounters = Enumerable.Range(0, 20).Select(_ => E(9, 9, 9)).Concat(Enumerable.Range(0, 5).Select(_ => E(9, 9, 6))).ToList();
        var result = CollaborateReport.Summarise(encounters, 25);
        Assert.True(result.Reportable);
        Assert.Equal(80.0m, result.TopScorePercent);
        Assert.Equal(Math.Round((20 * 9m + 5 * 8m) / 25, 2), result.MeanScore);
    }
}
