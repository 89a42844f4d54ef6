using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.Outcomes;

/// <summary>One point of a score over time.</summary>
public sealed record TrendPoint(Guid ResponseId, DateTime CompletedAt, decimal Value, string? Band);

/// <summary>One score's history for a person, and what the change since the first response means.</summary>
public sealed record ScoreTrend(string Code, string Label, IReadOnlyList<TrendPoint> Points, bool LowerIsBetter, decimal? Change, string ChangeSummary, decimal Minimum, decimal Maximum);

/// <summary>One completed response and its scores.</summary>
public sealed record CompletedMeasure(Guid ResponseId, DateTime CompletedAt, IReadOnlyList<MeasureScore> Scores);

/// <summary>A person's latest completed response to one instrument.</summary>
public sealed record LatestMeasure(string InstrumentCode, string InstrumentName, DateTime CompletedAt, IReadOnlyList<MeasureScore> Scores, int Responses);

/// <summary>An alert waiting for a practitioner, with whom it is about.</summary>
public sealed record OpenAlert(MeasureAlert Alert, string PersonName);

/// <summary>
/// Questionnaires for people: practitioners request them (once or on a schedule) or complete them with the person; the
/// person answers on their own pages and can save and come back; completing scores at once, raises alerts, and makes
/// the next scheduled request. A completed response never changes: a correction is a new response that supersedes it.
/// </summary>
public class OutcomeService(UpcareDbContext db, InstrumentCatalogue catalogue, PersonAccess access, TimeProvider clock, IOptions<OutcomeOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => UkTime.Today(clock);

    public InstrumentCatalogue Catalogue => catalogue;

    /// <summary>Asks the person to complete an instrument by a date, optionally again every few months.</summary>
    public async Task<MeasureRequest> RequestAsync(Guid personId, string? instrumentCode, DateParts? dueOn, int? repeatEveryMonths, CancellationToken ct = default)
    {
        var v = new Validation();
        var instrument = catalogue.Find(instrumentCode);
        if (instrument is null)
        {
            v.Add("InstrumentCode", "Select a questionnaire");
        }
        else if (instrument.PractitionerOnly)
        {
            v.Add("InstrumentCode", $"{instrument.Name} is recorded by a practitioner, not sent to the person");
        }
        var due = Today;
        if (dueOn is { IsEmpty: false })
        {
            if (!dueOn.TryParse("Due date", out var d, out var error))
            {
                v.Add("DueOn", error!);
            }
            else if (d < Today)
            {
                v.Add("DueOn", "Due date must be today or in the future");
            }
            else
            {
                due = d;
            }
        }
        if (repeatEveryMonths is < 1 or > 24)
        {
            v.Add("RepeatEveryMonths", "Repeat every must be from 1 to 24 months, or left empty");
        }
        v.ThrowIfInvalid();
        if (await db.MeasureRequests.AnyAsync(r => r.PersonId == personId && r.InstrumentCode == instrument!.Code && r.Status == RequestStatus.Due, ct))
        {
            throw new ValidationFailedException([new FieldError("InstrumentCode", $"{instrument!.Name} has already been sent and is not yet answered")]);
        }
        var request = new MeasureRequest
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            InstrumentCode = instrument!.Code,
            RequestedByUserId = access.User.Id ?? throw new UnauthorizedAccessException(),
            RequestedAt = Now,
            DueOn = due,
            RepeatEveryMonths = repeatEveryMonths,
            Status = RequestStatus.Due,
        };
        db.MeasureRequests.Add(request);
        access.Stage(personId, "measure-requested", "POST /people/{id:guid}/measures/send", $"{instrument.Name} due {UkTime.FormatDate(due)}" + (repeatEveryMonths is { } m ? $", then every {m} months" : ""));
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>Stops a request (and so its schedule).</summary>
    public async Task CancelRequestAsync(Guid personId, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.MeasureRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.PersonId == personId && r.Status == RequestStatus.Due, ct)
            ?? throw new KeyNotFoundException();
        request.Status = RequestStatus.Cancelled;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Requests not yet answered, soonest first.</summary>
    public Task<List<MeasureRequest>> DueAsync(Guid personId, CancellationToken ct = default) =>
        db.MeasureRequests.AsNoTracking().Where(r => r.PersonId == personId && r.Status == RequestStatus.Due).OrderBy(r => r.DueOn).ToListAsync(ct);

    public Task<List<MeasureResponse>> InProgressAsync(Guid personId, CancellationToken ct = default) =>
        db.MeasureResponses.AsNoTracking().Include(r => r.Answers)
            .Where(r => r.PersonId == personId && r.Status == ResponseStatus.InProgress).OrderBy(r => r.StartedAt).ToListAsync(ct);

    /// <summary>Starts a response (or returns the one already in progress for the same request or instrument, so nothing is lost).</summary>
    public async Task<MeasureResponse> StartAsync(Guid personId, string? instrumentCode, CompletionMode mode, Guid? requestId, CancellationToken ct = default)
    {
        var instrument = catalogue.Find(instrumentCode) ?? throw new ValidationFailedException([new FieldError("InstrumentCode", "Select a questionnaire")]);
        if (instrument.PractitionerOnly && mode == CompletionMode.SelfCompleted)
        {
            throw new ValidationFailedException([new FieldError("InstrumentCode", $"{instrument.Name} is recorded by a practitioner")]);
        }
        Guid? requestedBy = null;
        if (requestId is { } rid)
        {
            requestedBy = await db.MeasureRequests.Where(r => r.Id == rid && r.PersonId == personId && r.InstrumentCode == instrument.Code && r.Status == RequestStatus.Due)
                .Select(r => (Guid?)r.RequestedByUserId).FirstOrDefaultAsync(ct) ?? throw new KeyNotFoundException();
        }
        var existing = await db.MeasureResponses.AsNoTracking()
            .FirstOrDefaultAsync(r => r.PersonId == personId && r.InstrumentCode == instrument.Code && r.Status == ResponseStatus.InProgress && r.SupersedesId == null, ct);
        if (existing is not null)
        {
            return existing;
        }
        var response = NewResponse(personId, instrument, mode, requestId);
        if (instrument.Scoring == "collaborate" && requestedBy is not null)
        {
            // The encounter being rated is with whoever sent the questionnaire.
            response.AboutClinicianUserId = requestedBy;
        }
        if (instrument.Scoring == "mycaw")
        {
            // A MYCaW follow-up re-scores the concerns the person named at baseline, in their words.
            var baseline = await db.MeasureResponses.AsNoTracking().Include(r => r.Answers)
                .Where(r => r.PersonId == personId && r.InstrumentCode == instrument.Code && r.Status == ResponseStatus.Completed)
                .OrderBy(r => r.CompletedAt).FirstOrDefaultAsync(ct);
            response.Answers.AddRange(baseline?.Answers.Where(a => a.Text is not null).Select(a => new MeasureAnswer { Id = Guid.NewGuid(), ItemCode = a.ItemCode, Text = a.Text }) ?? []);
        }
        db.MeasureResponses.Add(response);
        await db.SaveChangesAsync(ct);
        return response;
    }

    /// <summary>A new response, filled in with a completed one's answers, that will supersede it when completed.</summary>
    public async Task<MeasureResponse> StartCorrectionAsync(Guid personId, Guid responseId, CancellationToken ct = default)
    {
        var original = await db.MeasureResponses.AsNoTracking().Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.Id == responseId && r.PersonId == personId && r.Status == ResponseStatus.Completed, ct) ?? throw new KeyNotFoundException();
        if (await db.MeasureResponses.AsNoTracking().FirstOrDefaultAsync(r => r.SupersedesId == responseId && r.Status == ResponseStatus.InProgress, ct) is { } open)
        {
            return open;
        }
        var instrument = catalogue.Find(original.InstrumentCode) ?? throw new KeyNotFoundException();
        var correction = NewResponse(personId, instrument, CompletionMode.WithPractitioner, null);
        correction.SupersedesId = original.Id;
        correction.AboutClinicianUserId = original.AboutClinicianUserId;
        correction.Answers.AddRange(original.Answers.Select(a => new MeasureAnswer { Id = Guid.NewGuid(), ItemCode = a.ItemCode, Value = a.Value, Text = a.Text }));
        db.MeasureResponses.Add(correction);
        await db.SaveChangesAsync(ct);
        return correction;
    }

    public Task<MeasureResponse?> GetAsync(Guid personId, Guid responseId, CancellationToken ct = default) =>
        db.MeasureResponses.AsNoTracking().Include(r => r.Answers).Include(r => r.Scores)
            .FirstOrDefaultAsync(r => r.Id == responseId && r.PersonId == personId, ct);

    /// <summary>
    /// Saves the answers given (only those items: a page may hold one question or all of them) and, when
    /// <paramref name="complete"/>, scores the whole response. Any bad answer refuses the whole save.
    /// </summary>
    public async Task<MeasureResponse> SaveAsync(Guid personId, Guid responseId, int version, IReadOnlyList<GivenAnswer> answers, bool complete, string route, CancellationToken ct = default)
    {
        var response = await db.MeasureResponses.Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.Id == responseId && r.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        if (response.Status != ResponseStatus.InProgress)
        {
            throw new ValidationFailedException([new FieldError("", $"This questionnaire was already submitted on {UkTime.FormatDateTime(response.CompletedAt ?? response.UpdatedAt)}. It cannot be changed; a practitioner can record a correction.")]);
        }
        if (response.Version != version)
        {
            throw new ValidationFailedException([new FieldError("", "These answers were saved from another page or device since you opened this one. Check them below and save again.")]);
        }
        var instrument = catalogue.Find(response.InstrumentCode) ?? throw new InvalidOperationException($"Instrument {response.InstrumentCode} is no longer available");
        var v = new Validation();
        foreach (var answer in answers)
        {
            if (instrument.Item(answer.ItemCode) is not { } item)
            {
                v.Add(answer.ItemCode, "This question is not part of the questionnaire");
            }
            else if (Scoring.ProblemWith(item, answer) is { } problem)
            {
                v.Add(answer.ItemCode, problem);
            }
        }
        v.ThrowIfInvalid();
        foreach (var answer in answers)
        {
            var stored = response.Answers.FirstOrDefault(a => a.ItemCode == answer.ItemCode);
            var empty = answer.Value is null && string.IsNullOrWhiteSpace(answer.Text);
            if (empty)
            {
                if (stored is not null)
                {
                    response.Answers.Remove(stored);
                    db.MeasureAnswers.Remove(stored);
                }
                continue;
            }
            if (stored is null)
            {
                stored = new MeasureAnswer { Id = Guid.NewGuid(), ResponseId = response.Id, ItemCode = answer.ItemCode };
                response.Answers.Add(stored);
                db.MeasureAnswers.Add(stored);
            }
            stored.Value = answer.Value;
            stored.Text = answer.Text?.Trim();
        }
        response.UpdatedAt = Now;
        response.Version++;

        MeasureResponse? superseded = null;
        if (complete)
        {
            ScoredResponse scored;
            try
            {
                scored = Scoring.Score(instrument, response.Answers.Select(a => new GivenAnswer(a.ItemCode, a.Value, a.Text)).ToList());
            }
            catch (ScoringException e)
            {
                throw new ValidationFailedException([new FieldError(e.ItemCode, e.Message)]);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ValidationFailedException([new FieldError("", e.Message.Split(" (Parameter")[0])]);
            }
            response.Status = ResponseStatus.Completed;
            response.CompletedAt = Now;
            response.Flags = scored.Flags.Count == 0 ? null : string.Join("\n", scored.Flags);
            foreach (var s in scored.Scores)
            {
                db.MeasureScores.Add(new MeasureScore { Id = Guid.NewGuid(), ResponseId = response.Id, Code = s.Code, Label = s.Label, Value = s.Value, Band = s.Band });
            }
            foreach (var flag in scored.Flags)
            {
                db.MeasureAlerts.Add(new MeasureAlert { Id = Guid.NewGuid(), PersonId = personId, ResponseId = response.Id, InstrumentCode = instrument.Code, Message = flag, RaisedAt = Now });
            }
            if (response.RequestId is { } requestId && await db.MeasureRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct) is { Status: RequestStatus.Due } request)
            {
                request.Status = RequestStatus.Completed;
                request.ResponseId = response.Id;
                if (request.RepeatEveryMonths is { } months)
                {
                    db.MeasureRequests.Add(new MeasureRequest
                    {
                        Id = Guid.NewGuid(),
                        PersonId = personId,
                        InstrumentCode = request.InstrumentCode,
                        RequestedByUserId = request.RequestedByUserId,
                        RequestedAt = Now,
                        DueOn = Today.AddMonths(months),
                        RepeatEveryMonths = months,
                        Status = RequestStatus.Due,
                    });
                }
            }
            if (response.SupersedesId is { } originalId)
            {
                superseded = await db.MeasureResponses.FirstAsync(r => r.Id == originalId, ct);
                superseded.Status = ResponseStatus.Superseded;
            }
        }
        if (complete)
        {
            access.Stage(personId, "measure-completed", route,
                $"{instrument.Name}" + (superseded is null ? "" : ", correcting an earlier response") + (response.Flags is null ? "" : "; alert raised"));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException([new FieldError("", "These answers were saved from another page or device at the same moment. Check them below and save again.")]);
        }
        return response;
    }

    /// <summary>Completes an instrument with the person in one step, during a conversation (the SURE test in a shared decision).</summary>
    public async Task<MeasureResponse> CompleteWithPersonAsync(Guid personId, string instrumentCode, IReadOnlyList<GivenAnswer> answers, string route, CancellationToken ct = default)
    {
        var response = await StartAsync(personId, instrumentCode, CompletionMode.WithPractitioner, null, ct);
        return await SaveAsync(personId, response.Id, response.Version, answers, complete: true, route, ct);
    }

    /// <summary>The latest completed response to each instrument, newest first.</summary>
    public async Task<List<LatestMeasure>> LatestAsync(Guid personId, CancellationToken ct = default)
    {
        var completed = await db.MeasureResponses.AsNoTracking().Include(r => r.Scores)
            .Where(r => r.PersonId == personId && r.Status == ResponseStatus.Completed)
            .ToListAsync(ct);
        return completed.GroupBy(r => r.InstrumentCode)
            .Select(g => (Latest: g.MaxBy(r => r.CompletedAt)!, Count: g.Count()))
            .Select(x => new LatestMeasure(x.Latest.InstrumentCode, catalogue.Find(x.Latest.InstrumentCode)?.Name ?? x.Latest.InstrumentCode, x.Latest.CompletedAt!.Value,
                InQuestionOrder(x.Latest.InstrumentCode, x.Latest.Scores), x.Count))
            .OrderByDescending(m => m.CompletedAt)
            .ToList();
    }

    /// <summary>The completed responses to one instrument since a moment, oldest first: the "before" and "after" of a piece of work.</summary>
    public async Task<List<CompletedMeasure>> CompletedSinceAsync(Guid personId, string instrumentCode, DateTime since, CancellationToken ct = default)
    {
        var responses = await db.MeasureResponses.AsNoTracking().Include(r => r.Scores)
            .Where(r => r.PersonId == personId && r.InstrumentCode == instrumentCode && r.Status == ResponseStatus.Completed && r.CompletedAt >= since)
            .ToListAsync(ct);
        return responses.OrderBy(r => r.CompletedAt)
            .Select(r => new CompletedMeasure(r.Id, r.CompletedAt!.Value, InQuestionOrder(instrumentCode, r.Scores)))
            .ToList();
    }

    private List<MeasureScore> InQuestionOrder(string instrumentCode, List<MeasureScore> scores)
    {
        var order = catalogue.Find(instrumentCode)?.Items.Select(i => i.Code).ToList() ?? [];
        return scores.OrderBy(s => order.IndexOf(s.Code) is var k && k >= 0 ? k : int.MaxValue).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>Each score of an instrument over time, with the change since the first response and whether it is meaningful.</summary>
    public async Task<IReadOnlyList<ScoreTrend>> TrendAsync(Guid personId, string instrumentCode, CancellationToken ct = default)
    {
        var instrument = catalogue.Find(instrumentCode) ?? throw new KeyNotFoundException();
        var responses = await db.MeasureResponses.AsNoTracking().Include(r => r.Scores)
            .Where(r => r.PersonId == personId && r.InstrumentCode == instrument.Code && r.Status == ResponseStatus.Completed)
            .ToListAsync(ct);
        responses = responses.OrderBy(r => r.CompletedAt).ToList();
        // In the instrument's question order (ONS4: satisfaction, worthwhile, happiness, anxiety), then by code: the
        // database returns scores in no particular order.
        var order = instrument.Items.Select(i => i.Code).ToList();
        var codes = responses.SelectMany(r => r.Scores).Select(s => (s.Code, s.Label)).Distinct()
            .OrderBy(c => order.IndexOf(c.Code) is var k && k >= 0 ? k : int.MaxValue).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        return codes.Select(c =>
        {
            var points = responses.SelectMany(r => r.Scores.Where(s => s.Code == c.Code).Select(s => new TrendPoint(r.Id, r.CompletedAt!.Value, s.Value, s.Band))).ToList();
            var (min, max) = Range(instrument, c.Code, points);
            var lowerBetter = instrument.IsLowerBetter(c.Code);
            if (points.Count < 2)
            {
                return new ScoreTrend(c.Code, c.Label, points, lowerBetter, null, "Only one response so far: the change shows from the second.", min, max);
            }
            var change = points[^1].Value - points[0].Value;
            return new ScoreTrend(c.Code, c.Label, points, lowerBetter, change, Describe(instrument, c.Code, points[0], points[^1], change, lowerBetter), min, max);
        }).ToList();
    }

    private string Describe(InstrumentDefinition instrument, string code, TrendPoint first, TrendPoint last, decimal change, bool lowerBetter)
    {
        var direction = change == 0 ? "no change" : (change < 0) == lowerBetter ? "better" : "worse";
        var points = $"{(change > 0 ? "+" : "")}{change:0.##} since the first response ({direction})";
        if (catalogue.MeaningfulChangeFor(instrument.Code, code) is { } threshold)
        {
            return Math.Abs(change) >= threshold
                ? $"{points}: a meaningful change (at least {threshold:0.##} points)."
                : $"{points}: not a meaningful change (less than {threshold:0.##} points).";
        }
        var bands = first.Band is null || last.Band is null ? ""
            : first.Band == last.Band ? $" Still in the \"{last.Band}\" band." : $" Moved from \"{first.Band}\" to \"{last.Band}\".";
        return $"{points}. There is no published threshold for a meaningful change in one person's score.{bands}";
    }

    private static (decimal Min, decimal Max) Range(InstrumentDefinition instrument, string code, List<TrendPoint> points)
    {
        if (instrument.BandsByScore.TryGetValue(code, out var bands) && bands.Count > 0)
        {
            return (bands.Min(b => b.From), bands.Max(b => b.To));
        }
        var item = instrument.Item(code);
        if (item is { Kind: ItemKind.Choice })
        {
            return (item.Choices.Min(o => o.Value), item.Choices.Max(o => o.Value));
        }
        return instrument.Scoring switch
        {
            "collaborate" => (0, 9),
            "pam" => code == "level" ? (1, 4) : (0, 100),
            "swemwbs" => (7, 35),
            _ => (Math.Min(0, points.Min(p => p.Value)), Math.Max(1, points.Max(p => p.Value))),
        };
    }

    /// <summary>Alerts not yet acknowledged, about people the signed-in practitioner may see.</summary>
    public async Task<List<OpenAlert>> OpenAlertsAsync(Guid? personId = null, CancellationToken ct = default)
    {
        var visible = access.Visible(db.People.AsNoTracking());
        var rows = await db.MeasureAlerts.AsNoTracking()
            .Where(a => a.AcknowledgedAt == null && (personId == null || a.PersonId == personId))
            .Join(visible, a => a.PersonId, p => p.Id, (a, p) => new { a, Name = p.GivenName + " " + p.FamilyName })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.a.RaisedAt).Select(r => new OpenAlert(r.a, r.Name)).ToList();
    }

    /// <summary>A practitioner who may see the person acknowledges the alert; it leaves everyone's list.</summary>
    public async Task AcknowledgeAsync(Guid alertId, CancellationToken ct = default)
    {
        var alert = await db.MeasureAlerts.FirstOrDefaultAsync(a => a.Id == alertId && a.AcknowledgedAt == null, ct) ?? throw new KeyNotFoundException();
        if (!(await access.DecideAsync(alert.PersonId, AccessPurpose.Write, ct)).Allowed)
        {
            throw new KeyNotFoundException();
        }
        alert.AcknowledgedAt = Now;
        alert.AcknowledgedByUserId = access.User.Id;
        access.Stage(alert.PersonId, "alert-acknowledged", "POST /outcomes/alerts", alert.Message);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The signed-in clinician's collaboRATE figures (or how many more encounters are needed).</summary>
    public Task<CollaborateResult> CollaborateForAsync(Guid clinicianUserId, CancellationToken ct = default) => CollaborateForAsync([clinicianUserId], ct);

    /// <summary>collaboRATE figures across a group of clinicians' encounters (a practice).</summary>
    public async Task<CollaborateResult> CollaborateForAsync(IReadOnlyCollection<Guid> clinicianUserIds, CancellationToken ct = default)
    {
        var encounters = await db.MeasureResponses.AsNoTracking().Include(r => r.Answers)
            .Where(r => r.AboutClinicianUserId != null && clinicianUserIds.Contains(r.AboutClinicianUserId.Value) && r.InstrumentCode == "collaborate" && r.Status == ResponseStatus.Completed)
            .ToListAsync(ct);
        var items = new[] { "understand", "listen", "include" };
        return CollaborateReport.Summarise(
            encounters.Select(e => (IReadOnlyList<decimal?>)items.Select(i => e.Answers.FirstOrDefault(a => a.ItemCode == i)?.Value).ToList()),
            options.Value.CollaborateMinimumEncounters);
    }

    private MeasureResponse NewResponse(Guid personId, InstrumentDefinition instrument, CompletionMode mode, Guid? requestId) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = personId,
        InstrumentCode = instrument.Code,
        InstrumentVersion = instrument.Version,
        RequestId = requestId,
        Status = ResponseStatus.InProgress,
        Mode = mode,
        StartedByUserId = access.User.Id,
        // collaboRATE rates an encounter with the clinician who sent it (or completes it with the person).
        AboutClinicianUserId = instrument.Scoring == "collaborate" && access.User.Role == UserRole.Clinician ? access.User.Id : null,
        StartedAt = Now,
        UpdatedAt = Now,
        Version = 1,
    };
}
