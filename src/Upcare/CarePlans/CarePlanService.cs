using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.CarePlans;

/// <summary>Thrown when someone else saved the plan since this editor opened it; carries both editors' work put together.</summary>
public sealed class PlanEditConflictException(MergeResult merge, int currentVersion) : Exception("Someone else saved this plan while you were editing it.")
{
    public MergeResult Merge { get; } = merge;
    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>One kept version and what changed in it from the one before.</summary>
public sealed record PlanVersionView(CarePlanVersion Version, IReadOnlyList<PlanChange> Changes);

/// <summary>A plan whose review is due soon or overdue, on a practitioner's list.</summary>
public sealed record ReviewDue(Guid PersonId, string PersonName, string NhsNumber, DateOnly ReviewOn, bool Overdue, CarePlanStatus Status);

/// <summary>What changed in a plan since it was last reviewed (or agreed, or started).</summary>
public sealed record ChangesSince(string Since, IReadOnlyList<PlanChange> Changes);

/// <summary>
/// Personalised care and support plans: written by a practitioner with the person, read and added to by the person,
/// agreed, reviewed; every version kept with who changed what. Two editors at once never overwrite each other.
/// </summary>
public class CarePlanService(UpcareDbContext db, PersonAccess access, TimeProvider clock)
{
    public const int SectionMaxLength = 4000;
    public const int ItemMaxLength = 500;
    public const int NoteMaxLength = 2000;

    private CurrentUser User => access.User;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => UkTime.Today(clock);
    private bool ByThePerson => User.Role == UserRole.Person;

    /// <summary>The person's plan with its goals and actions, or null when none has been started.</summary>
    public Task<CarePlan?> GetAsync(Guid personId, CancellationToken ct = default) =>
        db.CarePlans.AsNoTracking().Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery().FirstOrDefaultAsync(p => p.PersonId == personId, ct);

    /// <summary>The plan's content at one kept version.</summary>
    public async Task<CarePlanContent?> ContentAtAsync(Guid planId, int version, CancellationToken ct = default) =>
        await db.CarePlanVersions.AsNoTracking().Where(v => v.PlanId == planId && v.Number == version).Select(v => v.Content).FirstOrDefaultAsync(ct) is { } json
            ? CarePlanContent.FromJson(json)
            : null;

    private async Task EnsureMayChangeAsync(Guid personId, CancellationToken ct)
    {
        if (!(await access.DecideAsync(personId, AccessPurpose.Write, ct)).Allowed)
        {
            throw new UnauthorizedAccessException("No care relationship with this person");
        }
    }

    /// <summary>
    /// Starts the plan or saves a new version of it. <paramref name="baseVersion"/> is the version the editor opened
    /// (null when starting). If someone saved since, nothing is stored: the conflict carries the two merged.
    /// Returns the plan, or null when nothing had changed.
    /// </summary>
    public async Task<CarePlan?> SaveAsync(Guid personId, int? baseVersion, CarePlanForm form, string route, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(personId, ct);
        var plan = await db.CarePlans.Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery().FirstOrDefaultAsync(p => p.PersonId == personId, ct);
        var v = new Validation();
        var mine = form.ToContent(v, Today, plan?.ReviewOn);
        v.ThrowIfInvalid();
        if (plan is not null && baseVersion != plan.Version)
        {
            await ThrowConflictAsync(plan.Id, baseVersion, mine, ct);
        }
        var before = plan is null ? new CarePlanContent() : CarePlanContent.From(plan);
        var changes = CarePlanContent.Differences(before, mine);
        if (plan is not null && changes.Count == 0)
        {
            return null;
        }
        if (plan is null)
        {
            plan = new CarePlan { Id = Guid.NewGuid(), PersonId = personId, StartedAt = Now, StartedByUserId = User.Id!.Value, StartedByName = User.Name };
            db.CarePlans.Add(plan);
        }
        Apply(plan, mine);
        plan.Status = CarePlanStatus.Draft;
        AddVersion(plan, mine, changes);
        access.Stage(personId, plan.Version == 1 ? "care-plan-started" : "care-plan-changed", route, $"Version {plan.Version}: {Summary(changes)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another editor saved (or started the plan) at the same moment: the concurrency token, the one-plan-per-person
            // index or the unique version number refused this save. Show them the other's work merged with theirs.
            db.ChangeTracker.Clear();
            var current = await db.CarePlans.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == personId, ct)
                ?? throw new InvalidOperationException("The plan could not be saved.");
            await ThrowConflictAsync(current.Id, baseVersion, mine, ct);
        }
        return plan;
    }

    private async Task ThrowConflictAsync(Guid planId, int? baseVersion, CarePlanContent mine, CancellationToken ct)
    {
        var current = await db.CarePlans.AsNoTracking().Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery().FirstAsync(p => p.Id == planId, ct);
        var @base = baseVersion is { } b ? await ContentAtAsync(planId, b, ct) ?? new CarePlanContent() : new CarePlanContent();
        throw new PlanEditConflictException(CarePlanContent.Merge(@base, CarePlanContent.From(current), mine), current.Version);
    }

    private static string Summary(IReadOnlyList<PlanChange> changes) =>
        changes.Count == 0 ? "no changes" : string.Join("; ", changes.Select(c => c.Part).Distinct());

    private void AddVersion(CarePlan plan, CarePlanContent content, IReadOnlyList<PlanChange> changes)
    {
        plan.Version++;
        plan.UpdatedAt = Now;
        var summary = Summary(changes);
        db.CarePlanVersions.Add(new CarePlanVersion
        {
            Id = Guid.NewGuid(),
            PlanId = plan.Id,
            Number = plan.Version,
            SavedAt = Now,
            SavedByUserId = User.Id!.Value,
            SavedByName = User.Name + (ByThePerson ? " (the person)" : ""),
            Summary = summary.Length > 2000 ? summary[..1997] + "..." : summary,
            Content = content.ToJson(),
        });
    }

    private void Apply(CarePlan plan, CarePlanContent c)
    {
        plan.AboutMe = c.AboutMe;
        plan.MyHealth = c.MyHealth;
        plan.SupportNetwork = c.SupportNetwork;
        plan.IfThingsGetWorse = c.IfThingsGetWorse;
        plan.WhoToCall = c.WhoToCall;
        plan.CommunicationPreferences = c.CommunicationPreferences;
        plan.PeopleInvolved = c.PeopleInvolved;
        plan.ReviewOn = c.ReviewOn;
        Sync(plan.Goals, db.CarePlanGoals, c.Goals, r => r.Id, g => g.Id, id => new CarePlanGoal { Id = id, PlanId = plan.Id }, (row, g, i) =>
            (row.Position, row.InMyWords, row.HowIWillKnow, row.ByWhen, row.Progress) = (i, g.InMyWords, g.HowIWillKnow, g.ByWhen, g.Progress));
        Sync(plan.Actions, db.CarePlanActions, c.Actions, r => r.Id, a => a.Id, id => new CarePlanAction { Id = id, PlanId = plan.Id }, (row, a, i) =>
            (row.Position, row.What, row.Who, row.WhoName, row.ByWhen, row.Done) = (i, a.What, a.Who, a.WhoName, a.ByWhen, a.Done));
    }

    /// <summary>Makes the stored rows match the content: rows gone from it are removed, new ones added, each one set in order.</summary>
    private static void Sync<TRow, TContent>(List<TRow> rows, DbSet<TRow> table, IReadOnlyList<TContent> content,
        Func<TRow, Guid> rowId, Func<TContent, Guid> id, Func<Guid, TRow> create, Action<TRow, TContent, int> set)
        where TRow : class
    {
        foreach (var gone in rows.Where(r => content.All(x => id(x) != rowId(r))).ToList())
        {
            rows.Remove(gone);
            table.Remove(gone);
        }
        for (var i = 0; i < content.Count; i++)
        {
            var row = rows.FirstOrDefault(r => rowId(r) == id(content[i]));
            if (row is null)
            {
                row = create(id(content[i]));
                rows.Add(row);
                table.Add(row);
            }
            set(row, content[i], i);
        }
    }

    /// <summary>
    /// Adds an action to the plan from another part of the record (a shared decision), as a new version. Retries once
    /// if someone saved at the same moment: adding a line cannot clash with their change.
    /// </summary>
    public async Task<int?> AddActionAsync(Guid personId, ActionContent action, string route, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var plan = await db.CarePlans.Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery().FirstOrDefaultAsync(p => p.PersonId == personId, ct);
            if (plan is null)
            {
                return null;
            }
            var before = CarePlanContent.From(plan);
            var after = before with { Actions = [.. before.Actions, action] };
            Apply(plan, after);
            var changes = CarePlanContent.Differences(before, after);
            AddVersion(plan, after, changes);
            access.Stage(personId, "care-plan-changed", route, $"Version {plan.Version}: {Summary(changes)}");
            try
            {
                await db.SaveChangesAsync(ct);
                return plan.Version;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The person (or a practitioner with them) marks how far a goal has got. Saved as a new version.</summary>
    public async Task SetProgressAsync(Guid personId, Guid goalId, GoalProgress progress, string route, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(personId, ct);
        for (var attempt = 0; ; attempt++)
        {
            var plan = await db.CarePlans.Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery().FirstOrDefaultAsync(p => p.PersonId == personId, ct)
                ?? throw new KeyNotFoundException();
            var goal = plan.Goals.FirstOrDefault(g => g.Id == goalId) ?? throw new KeyNotFoundException();
            if (goal.Progress == progress)
            {
                return;
            }
            var before = CarePlanContent.From(plan);
            goal.Progress = progress;
            var after = CarePlanContent.From(plan);
            var changes = CarePlanContent.Differences(before, after);
            AddVersion(plan, after, changes);
            access.Stage(personId, "care-plan-goal-progress", route, $"Version {plan.Version}: \"{goal.InMyWords}\" {CarePlanContent.Describe(progress)}");
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Someone saved the plan at the same moment: marking progress on one goal is applied again to their version.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Records that the plan, at the version shown, is agreed: by the person themselves, or by a practitioner with them.</summary>
    public async Task AgreeAsync(Guid personId, int version, bool personAgreed, string personName, string route, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(personId, ct);
        if (!ByThePerson && !personAgreed)
        {
            throw new ValidationFailedException([new FieldError("PersonAgreed", $"Confirm that {personName} agrees with this plan")]);
        }
        var plan = await db.CarePlans.FirstOrDefaultAsync(p => p.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        if (plan.Version != version)
        {
            throw new ValidationFailedException([new FieldError("", "The plan has changed since you opened it. Read the latest version, then agree it.")]);
        }
        var saved = await db.CarePlanVersions.FirstAsync(v => v.PlanId == plan.Id && v.Number == version, ct);
        var by = ByThePerson ? $"{User.Name} (the person)" : $"{personName}, with {User.Name}";
        plan.Status = CarePlanStatus.Agreed;
        plan.AgreedVersion = version;
        plan.AgreedAt = Now;
        plan.AgreedBy = by;
        saved.AgreedAt = Now;
        saved.AgreedBy = saved.AgreedBy is null ? by : $"{saved.AgreedBy}; {by}";
        if (saved.AgreedBy.Length > 400)
        {
            saved.AgreedBy = saved.AgreedBy[..400];
        }
        access.Stage(personId, "care-plan-agreed", route, $"Version {version} agreed by {by}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException([new FieldError("", "The plan changed at the moment you agreed it. Read the latest version, then agree it.")]);
        }
    }

    /// <summary>Adds a note (on a goal, or on the plan) or a suggested change.</summary>
    public async Task<CarePlanNote> AddNoteAsync(Guid personId, Guid? goalId, PlanNoteKind kind, string? text, string route, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(personId, ct);
        var plan = await db.CarePlans.AsNoTracking().Include(p => p.Goals).FirstOrDefaultAsync(p => p.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        if (goalId is { } g && plan.Goals.All(x => x.Id != g))
        {
            throw new KeyNotFoundException();
        }
        var v = new Validation();
        var written = v.Required("Text", text?.Replace("\r\n", "\n"), kind == PlanNoteKind.SuggestedChange ? "Enter the change you would like" : "Enter your note", NoteMaxLength,
            kind == PlanNoteKind.SuggestedChange ? "Your suggestion" : "Your note");
        v.ThrowIfInvalid();
        var note = new CarePlanNote
        {
            Id = Guid.NewGuid(), PlanId = plan.Id, GoalId = goalId, Kind = kind, Text = written!, ByUserId = User.Id!.Value, ByName = User.Name, ByThePerson = ByThePerson, At = Now,
        };
        db.CarePlanNotes.Add(note);
        access.Stage(personId, kind == PlanNoteKind.SuggestedChange ? "care-plan-suggestion" : "care-plan-note", route, null);
        await db.SaveChangesAsync(ct);
        return note;
    }

    /// <summary>Marks a suggested change as dealt with.</summary>
    public async Task DealWithAsync(Guid personId, Guid noteId, string route, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(personId, ct);
        var note = await db.CarePlanNotes.FirstOrDefaultAsync(n => n.Id == noteId && db.CarePlans.Any(p => p.Id == n.PlanId && p.PersonId == personId), ct)
            ?? throw new KeyNotFoundException();
        if (note.DealtWithAt is null)
        {
            note.DealtWithAt = Now;
            note.DealtWithBy = User.Name;
            access.Stage(personId, "care-plan-suggestion-dealt-with", route, null);
            await db.SaveChangesAsync(ct);
        }
    }

    public Task<List<CarePlanNote>> NotesAsync(Guid planId, CancellationToken ct = default) =>
        db.CarePlanNotes.AsNoTracking().Where(n => n.PlanId == planId).OrderBy(n => n.At).ToListAsync(ct);

    public Task<List<CarePlanReview>> ReviewsAsync(Guid planId, CancellationToken ct = default) =>
        db.CarePlanReviews.AsNoTracking().Where(r => r.PlanId == planId).OrderByDescending(r => r.At).ToListAsync(ct);

    /// <summary>Records a review with the person and sets the next review date (a new version: the date is part of the plan).</summary>
    public async Task ReviewAsync(Guid personId, int version, string? notes, DateParts nextReviewOn, string route, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(personId, ct);
        var plan = await db.CarePlans.Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery().FirstOrDefaultAsync(p => p.PersonId == personId, ct)
            ?? throw new KeyNotFoundException();
        var v = new Validation();
        var said = v.Required("Notes", notes?.Replace("\r\n", "\n"), "Enter what you talked about in the review", NoteMaxLength, "Review notes");
        DateOnly next = default;
        if (!nextReviewOn.TryParse("Next review date", out next, out var error))
        {
            v.Add("NextReviewOn", error!);
        }
        else if (next <= Today)
        {
            v.Add("NextReviewOn", "Next review date must be in the future");
        }
        v.ThrowIfInvalid();
        if (plan.Version != version)
        {
            throw new ValidationFailedException([new FieldError("", "The plan has changed since you opened it. Read what changed, then record the review.")]);
        }
        var before = CarePlanContent.From(plan);
        var after = before with { ReviewOn = next };
        plan.ReviewOn = next;
        plan.LastReviewedVersion = plan.Version + 1;
        plan.LastReviewedAt = Now;
        AddVersion(plan, after, CarePlanContent.Differences(before, after));
        db.CarePlanReviews.Add(new CarePlanReview
        {
            Id = Guid.NewGuid(), PlanId = plan.Id, At = Now, ByUserId = User.Id!.Value, ByName = User.Name, VersionReviewed = version, Notes = said!, NextReviewOn = next,
        });
        access.Stage(personId, "care-plan-reviewed", route, $"Next review {UkTime.FormatDate(next)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new ValidationFailedException([new FieldError("", "The plan changed at the moment you saved the review. Read what changed, then record the review.")]);
        }
    }

    /// <summary>Every kept version, newest first, each with what changed from the one before.</summary>
    public async Task<List<PlanVersionView>> HistoryAsync(Guid planId, CancellationToken ct = default)
    {
        var versions = await db.CarePlanVersions.AsNoTracking().Where(v => v.PlanId == planId).OrderBy(v => v.Number).ToListAsync(ct);
        var views = new List<PlanVersionView>();
        var previous = new CarePlanContent();
        foreach (var version in versions)
        {
            var content = CarePlanContent.FromJson(version.Content);
            views.Add(new(version, CarePlanContent.Differences(previous, content)));
            previous = content;
        }
        views.Reverse();
        return views;
    }

    /// <summary>What changed since the last review (or, before any review, since it was agreed).</summary>
    public async Task<ChangesSince?> ChangesSinceReviewAsync(CarePlan plan, CancellationToken ct = default)
    {
        var (since, label) = plan.LastReviewedVersion is { } r
            ? (r, $"the last review on {UkTime.FormatDate(DateOnly.FromDateTime(UkTime.ToUk(plan.LastReviewedAt!.Value).DateTime))}")
            : plan.AgreedVersion is { } a ? (a, $"it was agreed on {UkTime.FormatDate(DateOnly.FromDateTime(UkTime.ToUk(plan.AgreedAt!.Value).DateTime))}") : (0, "");
        if (since == 0 || await ContentAtAsync(plan.Id, since, ct) is not { } then)
        {
            return null;
        }
        return new(label, CarePlanContent.Differences(then, CarePlanContent.From(plan)));
    }

    /// <summary>Plans of people this user may see whose review is overdue or due within <paramref name="withinDays"/> days, soonest first.</summary>
    public async Task<List<ReviewDue>> ReviewsDueAsync(int withinDays, CancellationToken ct = default)
    {
        var until = Today.AddDays(withinDays);
        var today = Today;
        var rows = await (from plan in db.CarePlans.AsNoTracking()
                          join person in access.Visible(db.People.AsNoTracking()) on plan.PersonId equals person.Id
                          where plan.ReviewOn != null && plan.ReviewOn <= until
                          orderby plan.ReviewOn
                          select new { person.Id, person.GivenName, person.FamilyName, person.NhsNumber, plan.ReviewOn, plan.Status })
            .Take(500).ToListAsync(ct);
        return rows.Select(r => new ReviewDue(r.Id, $"{r.GivenName} {r.FamilyName}", r.NhsNumber, r.ReviewOn!.Value, r.ReviewOn < today, r.Status)).ToList();
    }
}
