using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.Data;
using Upcare.Outcomes;
using Upcare.Shared;

namespace Upcare.SharedDecisions;

/// <summary>The person's answers to the four SURE questions (1 = yes, 0 = no).</summary>
public sealed class SureAnswers
{
    public int? Sure { get; set; }
    public int? Understand { get; set; }
    public int? RiskBenefit { get; set; }
    public int? Encouragement { get; set; }

    /// <summary>The SURE instrument's item codes, in the order asked, with the property each is bound to.</summary>
    public static readonly IReadOnlyList<(string ItemCode, string Property)> Items =
    [
        ("sure", nameof(Sure)), ("understand", nameof(Understand)), ("risk-benefit", nameof(RiskBenefit)), ("encouragement", nameof(Encouragement)),
    ];

    public int? this[string property] => property switch
    {
        nameof(Sure) => Sure,
        nameof(Understand) => Understand,
        nameof(RiskBenefit) => RiskBenefit,
        nameof(Encouragement) => Encouragement,
        _ => null,
    };

    internal List<GivenAnswer> Check(Validation v, string prefix, string when)
    {
        foreach (var ((_, property), n) in Items.Select((item, i) => (item, i + 1)))
        {
            if (this[property] is not (0 or 1))
            {
                v.Add($"{prefix}.{property}", $"Select yes or no for SURE question {n} {when}");
            }
        }
        return Items.Select(i => new GivenAnswer(i.ItemCode, this[i.Property], null)).ToList();
    }
}

/// <summary>What the clinician records when the options have been talked through.</summary>
public sealed class DecisionForm
{
    public const string NotDecided = "not-decided";

    public string? WhatMattersMost { get; set; }

    /// <summary>The chosen option's id, or <see cref="NotDecided"/>.</summary>
    public string? Choice { get; set; }

    public DateParts ComeBackOn { get; set; } = new();
    public SureAnswers After { get; set; } = new();
    public bool AddToPlan { get; set; }
}

/// <summary>Shared decision figures for a clinician or a practice.</summary>
public sealed record DecisionFigures(int Decisions, int WithSureBeforeAndAfter, int ConflictBefore, int ResolvedAfter, CollaborateResult Collaborate)
{
    /// <summary>Of decisions where SURE showed conflict before, the share where it was resolved after (null when none).</summary>
    public decimal? ResolvedPercent => ConflictBefore == 0 ? null : Math.Round(100m * ResolvedAfter / ConflictBefore, 1);
}

/// <summary>
/// Shared decision making: a clinician opens a decision with a person using a decision aid (SURE before), they talk
/// through the options and what matters most, record the choice or a date to come back (SURE after), collaboRATE goes
/// to the person to answer within 48 hours, and the decision can be added to their care and support plan.
/// </summary>
public class SharedDecisionService(UpcareDbContext db, PersonAccess access, OutcomeService outcomes, CarePlanService carePlans, TimeProvider clock)
{
    private const string StartRoute = "POST /people/{id:guid}/decisions/new";
    private const string RecordRoute = "POST /people/{id:guid}/decisions/{decisionId:guid}";

    private CurrentUser User => access.User;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => UkTime.Today(clock);

    public Task<List<SharedDecision>> ForPersonAsync(Guid personId, CancellationToken ct = default) =>
        db.SharedDecisions.AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.StartedAt).ToListAsync(ct);

    public Task<SharedDecision?> GetAsync(Guid personId, Guid decisionId, CancellationToken ct = default) =>
        db.SharedDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId && d.PersonId == personId, ct);

    private async Task EnsureClinicianWithRelationshipAsync(Guid personId, CancellationToken ct)
    {
        if (User.Role != UserRole.Clinician || !(await access.DecideAsync(personId, AccessPurpose.Write, ct)).Allowed)
        {
            throw new UnauthorizedAccessException("Shared decisions are recorded by a clinician with a care relationship");
        }
    }

    /// <summary>Opens a decision: the aid chosen and the person's SURE test before (stored as a SURE response).</summary>
    public async Task<SharedDecision> StartAsync(Guid personId, Guid? aidId, SureAnswers before, CancellationToken ct = default)
    {
        await EnsureClinicianWithRelationshipAsync(personId, ct);
        var v = new Validation();
        var aid = aidId is { } id ? await db.DecisionAids.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && !a.Withdrawn, ct) : null;
        if (aid is null)
        {
            v.Add("AidId", "Select the decision to make");
        }
        var answers = before.Check(v, "Before", "before talking through the options");
        v.ThrowIfInvalid();
        // No transaction around this: the audit trail commits on its own connection, which a held write lock would block.
        var sure = await outcomes.CompleteWithPersonAsync(personId, "sure", answers, StartRoute, ct);
        var decision = new SharedDecision
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            AidId = aid!.Id,
            Title = aid.Title,
            ClinicianUserId = User.Id!.Value,
            ClinicianName = User.Name,
            PracticeId = User.OrganisationId,
            StartedAt = Now,
            Status = DecisionStatus.Open,
            SureBeforeResponseId = sure.Id,
            SureBefore = answers.Sum(a => (int)a.Value!.Value),
            Version = 1,
        };
        db.SharedDecisions.Add(decision);
        access.Stage(personId, "decision-started", StartRoute, $"{aid.Title}; SURE before {decision.SureBefore}/4");
        await db.SaveChangesAsync(ct);
        return decision;
    }

    /// <summary>
    /// Records what matters most and the choice (with SURE after), or that the person has not decided yet and when to
    /// come back. On the first choice, collaboRATE is sent to the person, due in two days.
    /// </summary>
    public async Task<SharedDecision> RecordAsync(Guid personId, Guid decisionId, int version, DecisionForm form, CancellationToken ct = default)
    {
        await EnsureClinicianWithRelationshipAsync(personId, ct);
        var decision = await db.SharedDecisions.FirstOrDefaultAsync(d => d.Id == decisionId && d.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        if (decision.Status == DecisionStatus.Decided)
        {
            throw new ValidationFailedException([new FieldError("", $"This decision was recorded on {UkTime.FormatDateTime(decision.DecidedAt!.Value)}. Open a new decision if things have changed.")]);
        }
        var options = await db.DecisionOptions.AsNoTracking().Where(o => o.AidId == decision.AidId).ToListAsync(ct);
        var v = new Validation();
        var matters = v.Required(nameof(DecisionForm.WhatMattersMost), form.WhatMattersMost?.Replace("\r\n", "\n"),
            "Enter what matters most to the person about this decision", DecisionAidService.TextMaxLength, "What matters most");
        var notDecided = form.Choice == DecisionForm.NotDecided;
        var chosen = Guid.TryParse(form.Choice, out var optionId) ? options.FirstOrDefault(o => o.Id == optionId) : null;
        DateOnly comeBack = default;
        List<GivenAnswer>? after = null;
        if (!notDecided && chosen is null)
        {
            v.Add(nameof(DecisionForm.Choice), "Select the option chosen, or that the person has not decided yet");
        }
        else if (notDecided)
        {
            if (!form.ComeBackOn.TryParse("Date to come back to it", out comeBack, out var error))
            {
                v.Add(nameof(DecisionForm.ComeBackOn), error!);
            }
            else if (comeBack <= Today)
            {
                v.Add(nameof(DecisionForm.ComeBackOn), "Date to come back to it must be in the future");
            }
        }
        else
        {
            after = form.After.Check(v, nameof(DecisionForm.After), "now the choice is made");
        }
        if (form.AddToPlan && !notDecided && await carePlans.GetAsync(personId, ct) is null)
        {
            v.Add(nameof(DecisionForm.AddToPlan), "There is no care and support plan yet. Start one first, or leave this unticked");
        }
        v.ThrowIfInvalid();
        if (decision.Version != version)
        {
            throw new ValidationFailedException([new FieldError("", "This decision was changed by someone else since you opened it. Check it below and save again.")]);
        }

        // The decision is claimed first (its version is the concurrency check), so two clinicians saving at once cannot
        // both send collaboRATE or both add to the plan; the SURE response, plan line and questionnaire follow.
        decision.WhatMattersMost = matters!;
        decision.Version++;
        if (notDecided)
        {
            decision.Status = DecisionStatus.NotDecidedYet;
            decision.ComeBackOn = comeBack;
        }
        else
        {
            decision.Status = DecisionStatus.Decided;
            decision.ChosenOptionId = chosen!.Id;
            decision.ChosenOptionName = chosen.Name;
            decision.ComeBackOn = null;
            decision.DecidedAt = Now;
            decision.SureAfter = after!.Sum(a => (int)a.Value!.Value);
        }
        // Audited with the claim, the first commit; the questionnaire and plan line that follow audit themselves.
        access.Stage(personId, "decision-recorded", RecordRoute,
            notDecided ? $"{decision.Title}: not decided yet, come back {UkTime.FormatDate(comeBack)}" : $"{decision.Title}: {chosen!.Name}; SURE after {decision.SureAfter}/4");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException([new FieldError("", "This decision was changed by someone else at the same moment. Check it below and save again.")]);
        }
        if (!notDecided)
        {
            decision.SureAfterResponseId = (await outcomes.CompleteWithPersonAsync(personId, "sure", after!, RecordRoute, ct)).Id;
            if (form.AddToPlan)
            {
                decision.CarePlanVersion = await carePlans.AddActionAsync(personId,
                    new ActionContent(Guid.NewGuid(), $"{decision.Title} I chose: {chosen!.Name} (decided with {User.Name} on {UkTime.FormatDate(Today)})", ActionBy.Me, "", null, false),
                    RecordRoute, ct);
            }
            try
            {
                decision.CollaborateRequestId = (await outcomes.RequestAsync(personId, "collaborate", DateParts.From(Today.AddDays(2)), null, ct)).Id;
            }
            catch (ValidationFailedException)
            {
                // collaboRATE already sent and not yet answered (another decision this week): one questionnaire is enough.
            }
            // Written straight to the row: adding to the plan may have cleared the change tracker on a retry.
            var (sureAfterId, planVersion, collaborateId) = (decision.SureAfterResponseId, decision.CarePlanVersion, decision.CollaborateRequestId);
            await db.SharedDecisions.Where(d => d.Id == decision.Id).ExecuteUpdateAsync(u => u
                .SetProperty(d => d.SureAfterResponseId, sureAfterId)
                .SetProperty(d => d.CarePlanVersion, planVersion)
                .SetProperty(d => d.CollaborateRequestId, collaborateId), ct);
        }
        return decision;
    }

    /// <summary>The signed-in clinician's own figures and their practice's.</summary>
    public async Task<(DecisionFigures Mine, DecisionFigures Practice)> FiguresAsync(CancellationToken ct = default)
    {
        var me = User.Id!.Value;
        var practice = User.OrganisationId;
        var rows = await db.SharedDecisions.AsNoTracking()
            .Where(d => d.ClinicianUserId == me || (practice != null && d.PracticeId == practice))
            .Select(d => new { d.ClinicianUserId, d.PracticeId, d.SureBefore, d.SureAfter })
            .ToListAsync(ct);
        async Task<DecisionFigures> Figures(IReadOnlyList<(Guid Clinician, int Before, int? After)> ds)
        {
            var both = ds.Where(d => d.After is not null).ToList();
            var conflict = both.Where(d => d.Before < SharedDecision.SureNoConflict).ToList();
            var clinicians = ds.Select(d => d.Clinician).Append(me).Distinct().ToList();
            return new(ds.Count, both.Count, conflict.Count, conflict.Count(d => d.After == SharedDecision.SureNoConflict), await outcomes.CollaborateForAsync(clinicians, ct));
        }
        var mine = await Figures(rows.Where(r => r.ClinicianUserId == me).Select(r => (r.ClinicianUserId, r.SureBefore, r.SureAfter)).ToList());
        var atPractice = await Figures(rows.Where(r => practice != null && r.PracticeId == practice).Select(r => (r.ClinicianUserId, r.SureBefore, r.SureAfter)).ToList());
        return (mine, atPractice);
    }
}
