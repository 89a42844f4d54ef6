using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.Coaching;

/// <summary>What the coach writes after a session.</summary>
public sealed class SessionForm
{
    public DateParts On { get; set; } = new();
    public string? Notes { get; set; }
    public string? PersonGoals { get; set; }
    public string? NextSteps { get; set; }
}

/// <summary>What the coach may see of the person's own goals and diary: only what the person shares.</summary>
public sealed record SharedSelfManagement(bool GoalsShared, bool DiaryShared, IReadOnlyList<SelfManagementGoal> Goals, IReadOnlyList<DiaryEntry> Diary);

/// <summary>
/// Supported self-management: a health coach's sessions with a person (up to a set number), and the person's own goals
/// and diary, of which the coach sees only what the person chooses to share.
/// </summary>
public class CoachingService(UpcareDbContext db, PersonAccess access, TimeProvider clock, IOptions<CoachingOptions> options)
{
    private CurrentUser User => access.User;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => UkTime.Today(clock);
    public int MaxSessions => options.Value.MaxSessions;

    public Task<List<CoachingSession>> SessionsAsync(Guid personId, CancellationToken ct = default) =>
        db.CoachingSessions.AsNoTracking().Where(s => s.PersonId == personId).OrderBy(s => s.Number).ToListAsync(ct);

    /// <summary>The coach records a session; refused past the last session of the course.</summary>
    public async Task<CoachingSession> AddSessionAsync(Guid personId, SessionForm form, CancellationToken ct = default)
    {
        if (User.Role != UserRole.HealthCoach || !(await access.DecideAsync(personId, AccessPurpose.Write, ct)).Allowed)
        {
            throw new UnauthorizedAccessException("Sessions are recorded by the person's health coach");
        }
        var v = new Validation();
        var on = Today;
        if (!form.On.IsEmpty && !form.On.TryParse("Date of the session", out on, out var error))
        {
            v.Add(nameof(form.On), error!);
        }
        else if (on > Today)
        {
            v.Add(nameof(form.On), "Date of the session must be today or in the past");
        }
        var notes = v.Required(nameof(form.Notes), form.Notes?.Replace("\r\n", "\n"), "Enter what you talked about", 4000, "Notes");
        var goals = v.Optional(nameof(form.PersonGoals), form.PersonGoals?.Replace("\r\n", "\n"), 2000, "Their goals") ?? "";
        var next = v.Required(nameof(form.NextSteps), form.NextSteps?.Replace("\r\n", "\n"), "Enter the next steps you agreed", 2000, "Next steps");
        v.ThrowIfInvalid();
        var count = await db.CoachingSessions.CountAsync(s => s.PersonId == personId, ct);
        if (count >= MaxSessions)
        {
            throw new ValidationFailedException([new FieldError("", $"This course of coaching has had all {MaxSessions} sessions")]);
        }
        var session = new CoachingSession
        {
            Id = Guid.NewGuid(), PersonId = personId, CoachUserId = User.Id!.Value, CoachName = User.Name, Number = count + 1, On = on,
            Notes = notes!, PersonGoals = goals, NextSteps = next!, CreatedAt = Now,
        };
        db.CoachingSessions.Add(session);
        access.Stage(personId, "coaching-session", "POST /people/{id:guid}/coaching", $"Session {session.Number} of {MaxSessions}");
        await db.SaveChangesAsync(ct);
        return session;
    }

    public Task<List<SelfManagementGoal>> GoalsAsync(Guid personId, CancellationToken ct = default) =>
        db.SelfManagementGoals.AsNoTracking().Where(g => g.PersonId == personId).OrderBy(g => g.CreatedAt).ToListAsync(ct);

    public Task<List<DiaryEntry>> DiaryAsync(Guid personId, CancellationToken ct = default) =>
        db.DiaryEntries.AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.On).ThenByDescending(d => d.At).Take(200).ToListAsync(ct);

    public async Task<CoachSharing> SharingAsync(Guid personId, CancellationToken ct = default) =>
        await db.CoachSharings.AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == personId, ct) ?? new CoachSharing { PersonId = personId };

    /// <summary>What the signed-in practitioner may see of the person's own goals and diary: only what the person shares.</summary>
    public async Task<SharedSelfManagement> SharedWithPractitionerAsync(Guid personId, CancellationToken ct = default)
    {
        var sharing = await SharingAsync(personId, ct);
        return new SharedSelfManagement(sharing.Goals, sharing.Diary,
            sharing.Goals ? await GoalsAsync(personId, ct) : [], sharing.Diary ? await DiaryAsync(personId, ct) : []);
    }

    private Guid OwnPerson(Guid personId) =>
        User.Role == UserRole.Person && User.PersonId == personId ? personId : throw new UnauthorizedAccessException("Only the person keeps their own goals and diary");

    public async Task AddGoalAsync(Guid personId, string? text, CancellationToken ct = default)
    {
        OwnPerson(personId);
        var v = new Validation();
        var words = v.Required("GoalText", text, "Enter your goal, in your own words", 500, "Your goal");
        v.ThrowIfInvalid();
        db.SelfManagementGoals.Add(new SelfManagementGoal { Id = Guid.NewGuid(), PersonId = personId, Text = words!, CreatedAt = Now });
        access.Stage(personId, "self-management-goal", "POST /me/self-management", null);
        await db.SaveChangesAsync(ct);
    }

    public async Task MarkGoalMetAsync(Guid personId, Guid goalId, CancellationToken ct = default)
    {
        OwnPerson(personId);
        await db.SelfManagementGoals.Where(g => g.Id == goalId && g.PersonId == personId && g.MetAt == null).ExecuteUpdateAsync(u => u.SetProperty(g => g.MetAt, Now), ct);
    }

    /// <summary>Adds a diary entry: minutes walked, a blood glucose reading (mmol/L), mood 1–5, or a note.</summary>
    public async Task AddDiaryAsync(Guid personId, DiaryKind? kind, string? value, string? text, DateParts on, CancellationToken ct = default)
    {
        OwnPerson(personId);
        var v = new Validation();
        decimal? number = null;
        if (kind is null)
        {
            v.Add("Kind", "Select what you are recording");
        }
        else if (kind != DiaryKind.Note)
        {
            var (min, max, what) = kind switch
            {
                DiaryKind.Walked => (1m, 1440m, "Minutes walked must be a whole number from 1 to 1440"),
                DiaryKind.BloodGlucose => (0.5m, 50m, "Blood glucose must be a number of mmol/L from 0.5 to 50, like 6.4"),
                _ => (1m, 5m, "Mood must be a whole number from 1 to 5"),
            };
            if (!decimal.TryParse(value?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n < min || n > max
                || (kind != DiaryKind.BloodGlucose && n != decimal.Truncate(n)) || (kind == DiaryKind.BloodGlucose && decimal.Round(n, 1) != n))
            {
                v.Add("Value", what);
            }
            number = n;
        }
        var note = kind == DiaryKind.Note ? v.Required("Text", text, "Enter your note", 1000, "Note") : v.Optional("Text", text, 1000, "Note");
        var day = Today;
        if (!on.IsEmpty && !on.TryParse("Date", out day, out var error))
        {
            v.Add("On", error!);
        }
        else if (day > Today)
        {
            v.Add("On", "Date must be today or in the past");
        }
        v.ThrowIfInvalid();
        db.DiaryEntries.Add(new DiaryEntry { Id = Guid.NewGuid(), PersonId = personId, On = day, Kind = kind!.Value, Value = number, Text = note ?? "", At = Now });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The person chooses what their coach can see; the change takes effect at once.</summary>
    public async Task ShareAsync(Guid personId, bool goals, bool diary, CancellationToken ct = default)
    {
        OwnPerson(personId);
        var sharing = await db.CoachSharings.FirstOrDefaultAsync(s => s.PersonId == personId, ct);
        if (sharing is null)
        {
            sharing = new CoachSharing { PersonId = personId };
            db.CoachSharings.Add(sharing);
        }
        (sharing.Goals, sharing.Diary, sharing.UpdatedAt) = (goals, diary, Now);
        access.Stage(personId, "coach-sharing", "POST /me/self-management", $"Goals {(goals ? "shared" : "not shared")}, diary {(diary ? "shared" : "not shared")}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The coach's caseload: people they may see, with their sessions so far.</summary>
    public async Task<List<(Guid PersonId, string Name, int Sessions, DateOnly? Last)>> CaseloadAsync(CancellationToken ct = default)
    {
        var rows = await access.Visible(db.People.AsNoTracking())
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, Sessions = db.CoachingSessions.Count(s => s.PersonId == p.Id), Last = db.CoachingSessions.Where(s => s.PersonId == p.Id).Max(s => (DateOnly?)s.On) })
            .OrderBy(p => p.FamilyName).Take(500).ToListAsync(ct);
        await access.RecordShownAsync(rows.Select(r => r.Id), "caseload-listed", "GET /coaching", "Name on the health coach's caseload");
        return rows.Select(r => (r.Id, $"{r.GivenName} {r.FamilyName}", r.Sessions, r.Last)).ToList();
    }
}
