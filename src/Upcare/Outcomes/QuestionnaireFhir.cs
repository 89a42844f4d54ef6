using System.Globalization;
using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Upcare.Fhir;

namespace Upcare.Outcomes;

/// <summary>
/// The outcome measures as FHIR Questionnaires, made from the instrument catalogue (id = the instrument's code, e.g.
/// <c>swemwbs</c>): items with their wording and answer options. Licensed wording the catalogue holds only as a demo copy
/// is served as it is shown on the pages, marked as such in the description.
/// </summary>
public sealed class QuestionnaireFhir(InstrumentCatalogue catalogue) : FhirResourceType
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Questionnaire";

    public override string Type => "Questionnaire";

    public override FhirResourceCapability Capability => new(Type, ProfileUrl, false,
        [("_id", SearchParamType.Token, "The instrument's code, e.g. swemwbs"), ("name", SearchParamType.String, "The instrument's name, containing (any case)")], []);

    public static string CanonicalFor(string baseUrl, string code) => $"{baseUrl}/Questionnaire/{code}";

    public override bool AboutPeople => false;

    public override async IAsyncEnumerable<ExportedResource> ExportAsync(FhirRequest reading, FhirRequest mapping, IQueryable<Guid>? group,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (group is not null)
        {
            yield break;
        }
        foreach (var instrument in catalogue.All)
        {
            yield return new ExportedResource(ToQuestionnaire(instrument, reading.BaseUrl), null);
        }
        await System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>An answer option's code: its value without trailing zeros, the same however the database returns it.</summary>
    public static string AnswerCode(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);

    public override System.Threading.Tasks.Task<Resource> ReadAsync(string id, FhirRequest request, CancellationToken ct)
    {
        request.Demand(Type, 'r');
        return System.Threading.Tasks.Task.FromResult<Resource>(catalogue.Find(id) is { } instrument ? ToQuestionnaire(instrument, request.BaseUrl) : throw FhirException.NotFound(Type, id));
    }

    public override System.Threading.Tasks.Task<FhirPage> SearchAsync(IReadOnlyList<(string Name, string Value)> query, int count, int offset, FhirRequest request, CancellationToken ct)
    {
        request.Demand(Type, 's');
        IEnumerable<InstrumentDefinition> found = catalogue.All;
        foreach (var (name, value) in query)
        {
            found = name switch
            {
                "_id" => found.Where(i => i.Code == value),
                "name" => found.Where(i => i.Name.Contains(value, StringComparison.OrdinalIgnoreCase)),
                _ => throw FhirException.BadRequest($"Questionnaire cannot be searched by '{name}'; it can be searched by _id, name"),
            };
        }
        var all = found.ToList();
        return System.Threading.Tasks.Task.FromResult(new FhirPage([.. all.Skip(offset).Take(count).Select(i => (Resource)ToQuestionnaire(i, request.BaseUrl))], all.Count, []));
    }

    public static Questionnaire ToQuestionnaire(InstrumentDefinition instrument, string baseUrl) => new()
    {
        Id = instrument.Code,
        Meta = new Meta { Profile = [ProfileUrl] },
        Url = CanonicalFor(baseUrl, instrument.Code),
        Version = InstrumentDefinition.CanonicalVersion(instrument.Version),
        Name = new string(instrument.Code.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant(),
        Title = instrument.Name,
        Status = PublicationStatus.Active,
        SubjectType = [ResourceType.Patient],
        Description = new Markdown($"{instrument.Introduction}\n\nVersion: {instrument.Version}\n\nScoring: {instrument.Scoring}\n\nLicence: {instrument.Licence}{(instrument.DemoCopy ? " (the wording held here is a demo copy)" : "")}"),
        Item = instrument.Items.Select(item => new Questionnaire.ItemComponent
        {
            LinkId = item.Code,
            Text = item.Text,
            Required = item.Required,
            Type = item.Kind switch
            {
                ItemKind.Text => Questionnaire.QuestionnaireItemType.Text,
                ItemKind.Number => Questionnaire.QuestionnaireItemType.Decimal,
                _ => Questionnaire.QuestionnaireItemType.Choice,
            },
            AnswerOption = item.Choices.Select(o => new Questionnaire.AnswerOptionComponent
            {
                Value = new Coding($"{CanonicalFor(baseUrl, instrument.Code)}/answers", AnswerCode(o.Value), o.Label),
            }).ToList(),
        }).ToList(),
    };
}

/// <summary>
/// Completed and in-progress answers to outcome measures as QuestionnaireResponses, scored: each answer as an item, and
/// each score (with its band) as an item after them, for whoever may see the person's record.
/// </summary>
public sealed class QuestionnaireResponseFhir(InstrumentCatalogue catalogue) : PersonScopedFhir<MeasureResponse>
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-QuestionnaireResponse";

    public override string Type => "QuestionnaireResponse";
    protected override string? Profile => ProfileUrl;

    protected override IQueryable<MeasureResponse> Rows(FhirRequest request) =>
        request.Db.MeasureResponses.AsNoTracking().Include(r => r.Answers).Include(r => r.Scores).AsSplitQuery();

    protected override Expression<Func<MeasureResponse, Guid>> PersonIdOf(FhirRequest request) => r => r.PersonId;
    protected override IQueryable<MeasureResponse> WithId(IQueryable<MeasureResponse> rows, Guid id) => rows.Where(r => r.Id == id);
    protected override IQueryable<MeasureResponse> InOrder(IQueryable<MeasureResponse> rows) => rows.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Id);
    protected override Guid? PersonOf(MeasureResponse row) => row.PersonId;

    protected override IReadOnlyList<FhirSearchParameter<MeasureResponse>> Parameters =>
    [
        ForPatient("subject", (rows, id) => rows.Where(r => r.PersonId == id)),
        ForPatient("patient", (rows, id) => rows.Where(r => r.PersonId == id)),
        new("questionnaire", SearchParamType.Reference, "The measure, as Questionnaire/{code} or its canonical URL", (rows, v) =>
        {
            var code = v[(v.LastIndexOf('/') + 1)..];
            return rows.Where(r => r.InstrumentCode == code);
        }),
        new("status", SearchParamType.Token, "completed, in-progress or amended (replaced by a correction)", (rows, v) => v switch
        {
            "completed" => rows.Where(r => r.Status == ResponseStatus.Completed),
            "in-progress" => rows.Where(r => r.Status == ResponseStatus.InProgress),
            "amended" => rows.Where(r => r.Status == ResponseStatus.Superseded),
            _ => throw FhirException.BadRequest($"status must be completed, in-progress or amended, not '{v}'"),
        }),
        DateParameter<MeasureResponse, DateTime?>("authored", "When it was completed", r => r.CompletedAt),
    ];

    protected override async Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<MeasureResponse> rows, FhirRequest request, CancellationToken ct)
    {
        var numbers = await NhsNumbersAsync(rows.Select(r => r.PersonId), request, ct);
        return [.. rows.Select(r => (Resource)ToResponse(r, catalogue.Find(r.InstrumentCode), numbers.GetValueOrDefault(r.PersonId, ""), request.BaseUrl))];
    }

    public static QuestionnaireResponse ToResponse(MeasureResponse response, InstrumentDefinition? instrument, string nhsNumber, string baseUrl)
    {
        var items = response.Answers.OrderBy(a => instrument?.Items.ToList().FindIndex(i => i.Code == a.ItemCode) ?? 0).Select(a => new QuestionnaireResponse.ItemComponent
        {
            LinkId = a.ItemCode,
            Text = instrument?.Item(a.ItemCode)?.Text,
            Answer = a.Value is { } value
                ? [new QuestionnaireResponse.AnswerComponent
                    {
                        Value = instrument?.Item(a.ItemCode) is { Kind: ItemKind.Choice } item
                            ? new Coding($"{QuestionnaireFhir.CanonicalFor(baseUrl, response.InstrumentCode)}/answers", QuestionnaireFhir.AnswerCode(value), item.Choices.FirstOrDefault(o => o.Value == value)?.Label)
                            : new FhirDecimal(value),
                    }]
                : a.Text is { } text ? [new QuestionnaireResponse.AnswerComponent { Value = new FhirString(text) }] : [],
        }).ToList();
        // The scores, worked out when the answers were completed, after the answers.
        items.AddRange(response.Scores.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new QuestionnaireResponse.ItemComponent
        {
            LinkId = $"score-{s.Code}",
            Text = s.Band is null ? $"Score: {s.Label}" : $"Score: {s.Label} ({s.Band})",
            Answer = [new QuestionnaireResponse.AnswerComponent { Value = new FhirDecimal(s.Value) }],
        }));
        return new QuestionnaireResponse
        {
            Id = response.Id.ToString(),
            Meta = new Meta
            {
                VersionId = response.Version.ToString(CultureInfo.InvariantCulture),
                LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(response.UpdatedAt, DateTimeKind.Utc)),
                Profile = [ProfileUrl],
            },
            Questionnaire = $"{QuestionnaireFhir.CanonicalFor(baseUrl, response.InstrumentCode)}|{InstrumentDefinition.CanonicalVersion(response.InstrumentVersion)}",
            Status = response.Status switch
            {
                ResponseStatus.Completed => QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
                ResponseStatus.Superseded => QuestionnaireResponse.QuestionnaireResponseStatus.Amended,
                _ => QuestionnaireResponse.QuestionnaireResponseStatus.InProgress,
            },
            Subject = new ResourceReference($"Patient/{response.PersonId}") { Identifier = new Identifier(People.PatientFhir.NhsNumberSystem, nhsNumber) },
            Authored = new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(response.CompletedAt ?? response.UpdatedAt, DateTimeKind.Utc))).Value,
            Item = items.Where(i => i.Answer.Count > 0).ToList(),
        };
    }
}
