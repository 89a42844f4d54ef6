using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Pages.Shared;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Outcomes;

/// <summary>
/// Answering a questionnaire, shared by the person's own page and the practitioner's: all questions on one page, or one
/// per page (<c>?q=N</c>); save and come back; submit scores it. A completed response is shown, never edited.
/// </summary>
public abstract class AnswerPageModel(OutcomeService outcomes) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public Guid ResponseId { get; set; }

    /// <summary>One question per page: the question number (1-based); absent for all on one page.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public int? Question { get; set; }

    [BindProperty] public Dictionary<string, string?> Answers { get; set; } = [];
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Action { get; set; }

    /// <summary>The response being answered or shown.</summary>
    public MeasureResponse Answering { get; private set; } = default!;
    public InstrumentDefinition Instrument { get; private set; } = default!;
    public QuestionnaireFormView Form { get; private set; } = default!;

    protected OutcomeService Outcomes => outcomes;

    /// <summary>Whose questionnaire this is.</summary>
    protected abstract Guid PersonId { get; }

    /// <summary>This page's address, without the question number.</summary>
    protected abstract string PageUrl { get; }

    /// <summary>Where to go after submitting, and after "save and come back later".</summary>
    protected abstract string DoneUrl { get; }
    protected abstract string LaterUrl { get; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        BuildForm(null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var items = PageItems();
        var given = new List<GivenAnswer>();
        foreach (var item in items)
        {
            var raw = Answers.GetValueOrDefault(item.Code)?.Trim();
            if (item.Kind == ItemKind.Text)
            {
                given.Add(new GivenAnswer(item.Code, null, raw));
            }
            else if (string.IsNullOrEmpty(raw))
            {
                given.Add(new GivenAnswer(item.Code, null, null));
            }
            else if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                given.Add(new GivenAnswer(item.Code, value, null));
            }
            else
            {
                ShowError("q-" + item.Code, $"\"{item.Text}\" must be a number, like 58.3");
            }
        }
        if (!ModelState.IsValid)
        {
            BuildForm(Answers);
            return Page();
        }
        var complete = Action == "submit";
        try
        {
            await outcomes.SaveAsync(PersonId, ResponseId, Version, given, complete, $"POST {PageUrl}", ct);
        }
        catch (ValidationFailedException e)
        {
            foreach (var error in e.Errors)
            {
                var index = Instrument.Items.ToList().FindIndex(i => i.Code == error.Field);
                var onThisPage = items.Any(i => i.Code == error.Field);
                if (onThisPage)
                {
                    ShowError("q-" + error.Field, error.Message);
                }
                else
                {
                    ShowError("", index >= 0 ? $"Question {index + 1}: {error.Message}" : error.Message);
                }
            }
            await LoadAsync(ct);
            BuildForm(Answers);
            return Page();
        }
        if (complete)
        {
            TempData["Success"] = $"{Instrument.Name}: your answers have been submitted";
            return Redirect(DoneUrl);
        }
        if (Action == "next" && Question is { } q && q < Instrument.Items.Count)
        {
            return Redirect($"{PageUrl}?q={q + 1}");
        }
        TempData["Success"] = "Your answers are saved. You can come back and finish at any time";
        return Redirect(LaterUrl);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var response = await outcomes.GetAsync(PersonId, ResponseId, ct);
        var instrument = response is null ? null : outcomes.Catalogue.Find(response.InstrumentCode);
        if (response is null || instrument is null)
        {
            return false;
        }
        Answering = response;
        Instrument = instrument;
        if (Question is { } q && (q < 1 || q > instrument.Items.Count))
        {
            Question = null;
        }
        return true;
    }

    private IReadOnlyList<InstrumentItem> PageItems() => Question is { } q ? [Instrument.Items[q - 1]] : Instrument.Items;

    private void BuildForm(Dictionary<string, string?>? posted)
    {
        var values = Answering.Answers.ToDictionary(a => a.ItemCode, a => a.Text ?? a.Value?.ToString("0.##", CultureInfo.InvariantCulture));
        foreach (var (code, value) in posted ?? [])
        {
            values[code] = value;
        }
        ModelState.Remove(nameof(Version));
        var last = Question is null || Question == Instrument.Items.Count;
        Form = new QuestionnaireFormView(Instrument, Answering, PageItems(), values, last, Question is not null);
    }
}
