using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.SupportNetworks;

/// <summary>What someone adds to a support network, as entered.</summary>
public sealed record SupportEntryForm(SupportKind? Kind, string? Name, string? Detail, SupportRing? Ring, IReadOnlyCollection<SupportGives> Gives);

/// <summary>A kept snapshot, for the list.</summary>
public sealed record SnapshotSummary(Guid Id, DateTime TakenAt, string Label, string TakenByName, int Count);

/// <summary>A person's support network as its viewer sees it: the entries on the map, what Upcare suggests, the snapshots kept.</summary>
public sealed record SupportNetworkView(IReadOnlyList<SupportNetworkEntry> Entries, IReadOnlyList<SupportSuggestion> Suggestions, IReadOnlyList<SnapshotSummary> Snapshots);

/// <summary>
/// Building a person's support network: adding, moving and removing entries, keeping or turning down suggestions, and
/// keeping dated snapshots. Each change is checked by <see cref="SupportNetworkAccess"/> and stored with its audit entry.
/// </summary>
public sealed class SupportNetworkService(UpcareDbContext db, SupportNetworkAccess networkAccess, PersonAccess access, SupportNetworkSuggestions suggestions, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string Route => networkAccess.Route;

    /// <summary>The network, or null with the refusal (audited) when this user may not see it.</summary>
    public async Task<(SupportNetworkDecision Decision, SupportNetworkView? View)> GetAsync(Guid personId, CancellationToken ct = default)
    {
        var decision = await networkAccess.CheckAsync(personId, "support-network-read", ct);
        if (!decision.Allowed)
        {
            return (decision, null);
        }
        var entries = await CurrentAsync(personId, ct);
        var snapshots = (await db.SupportNetworkSnapshots.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync(ct))
            .OrderByDescending(s => s.TakenAt)
            .Select(s => new SnapshotSummary(s.Id, s.TakenAt, s.Label, s.TakenByName, Entries(s).Count)).ToList();
        return (decision, new SupportNetworkView(entries, await suggestions.ForAsync(personId, ct), snapshots));
    }

    /// <summary>
    /// The map for the care and support plan's "my support network", or null when this user may not see it. Not a look
    /// the user asked for, so not itself audited: the plan page's own entry records the look at the record.
    /// </summary>
    public async Task<List<SupportNetworkEntry>?> ForPlanAsync(Guid personId, CancellationToken ct = default) =>
        (await networkAccess.DecideAsync(personId, ct)).Allowed ? await CurrentAsync(personId, ct) : null;

    /// <summary>One entry on the map, or null (with the refusal, audited, when the user may not see the network).</summary>
    public async Task<(SupportNetworkDecision Decision, SupportNetworkEntry? Entry)> GetEntryAsync(Guid personId, Guid entryId, CancellationToken ct = default)
    {
        var decision = await networkAccess.CheckAsync(personId, "support-network-read", ct);
        return (decision, decision.Allowed
            ? await db.SupportNetworkEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.PersonId == personId && e.RemovedAt == null && !e.TurnedDown, ct)
            : null);
    }

    /// <summary>The refusal (audited) when this user may not change the network; null when they may.</summary>
    private async Task<Result?> RefusedAsync(Guid personId, CancellationToken ct) =>
        await networkAccess.CheckAsync(personId, "support-network-write", ct) is { Allowed: false } d ? Result.Refused(d.Reason) : null;

    /// <summary>The entries on the map now, closest first.</summary>
    public async Task<List<SupportNetworkEntry>> CurrentAsync(Guid personId, CancellationToken ct = default) =>
        (await db.SupportNetworkEntries.AsNoTracking().Where(e => e.PersonId == personId && e.RemovedAt == null && !e.TurnedDown).ToListAsync(ct))
        .OrderBy(e => e.Ring).ThenBy(e => e.AddedAt).ToList();

    public async Task<Result> AddAsync(Guid personId, SupportEntryForm form, CancellationToken ct = default)
    {
        if (await RefusedAsync(personId, ct) is { } refused)
        {
            return refused;
        }
        var v = new Validation();
        if (form.Kind is null)
        {
            v.Add("Kind", "Select whether this is a person, a group or a place");
        }
        var name = v.Required("Name", form.Name, "Enter who or what it is, for example 'Sarah, my daughter' or 'the library'", SupportNetworkLimits.Name, "Who or what it is");
        var detail = v.Optional("Detail", form.Detail, SupportNetworkLimits.Detail, "More about them") ?? "";
        if (form.Ring is null)
        {
            v.Add("Ring", "Select how close they are to you");
        }
        if (v.IsValid && await db.SupportNetworkEntries.CountAsync(e => e.PersonId == personId && e.RemovedAt == null && !e.TurnedDown, ct) >= SupportNetworkLimits.Entries)
        {
            v.Add("Name", $"A support network map holds up to {SupportNetworkLimits.Entries} entries. Remove one before adding another");
        }
        if (!v.IsValid)
        {
            return Result.Invalid(v.Errors);
        }
        var entry = NewEntry(personId, form.Kind!.Value, name!, detail, form.Ring!.Value, Combine(form.Gives), SupportSource.Added, null);
        db.SupportNetworkEntries.Add(entry);
        access.Stage(personId, "support-network-entry-added", Route, $"{Describe(entry.Kind)} '{entry.Name}', {Describe(entry.Ring).ToLowerInvariant()}");
        await db.SaveChangesAsync(ct);
        return Result.Ok($"{entry.Name} has been added to the support network");
    }

    /// <summary>Keeps (or turns down) a suggestion; answered once, even if pressed twice at once.</summary>
    public async Task<Result> AnswerSuggestionAsync(Guid personId, string? key, bool keep, CancellationToken ct = default)
    {
        if (await RefusedAsync(personId, ct) is { } refused)
        {
            return refused;
        }
        var suggestion = (await suggestions.ForAsync(personId, ct)).FirstOrDefault(s => s.Key == key);
        if (suggestion is null)
        {
            return Result.Conflict("That suggestion has already been answered. The map below shows it as it is now");
        }
        var entry = NewEntry(personId, suggestion.Kind, Clip(suggestion.Name, SupportNetworkLimits.Name), Clip(suggestion.Detail, SupportNetworkLimits.Detail),
            suggestion.Ring, suggestion.Gives, suggestion.Source, suggestion.Key);
        if (!keep)
        {
            (entry.TurnedDown, entry.RemovedAt, entry.RemovedByName) = (true, entry.AddedAt, entry.AddedByName);
        }
        db.SupportNetworkEntries.Add(entry);
        access.Stage(personId, keep ? "support-network-suggestion-kept" : "support-network-suggestion-turned-down", Route, $"'{entry.Name}' ({suggestion.Key})");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result.Conflict("That suggestion has already been answered. The map below shows it as it is now");
        }
        return Result.Ok(keep ? $"{entry.Name} has been added to the support network" : $"{entry.Name} will not be suggested again");
    }

    /// <summary>Moves an entry to another ring or changes what it gives, unless someone changed it since <paramref name="version"/>.</summary>
    public async Task<Result> ChangeAsync(Guid personId, Guid entryId, SupportRing? ring, IReadOnlyCollection<SupportGives> gives, string? detail, int version, CancellationToken ct = default) =>
        await WithEntryAsync(personId, entryId, "support-network-entry-changed", (entry, v) =>
        {
            var text = v.Optional("Detail", detail, SupportNetworkLimits.Detail, "More about them") ?? "";
            if (ring is null)
            {
                v.Add("Ring", "Select how close they are");
            }
            if (!v.IsValid)
            {
                return null;
            }
            return entry.Change(ring!.Value, Combine(gives), text, version)
                ? $"'{entry.Name}' now {Describe(entry.Ring).ToLowerInvariant()}, gives {Describe(entry.Gives)}"
                : "";
        }, entry => $"{entry.Name} has been changed", ct);

    public async Task<Result> RemoveAsync(Guid personId, Guid entryId, CancellationToken ct = default) =>
        await WithEntryAsync(personId, entryId, "support-network-entry-removed",
            (entry, _) => entry.Remove(networkAccess.User.Name, Now) ? $"'{entry.Name}'" : "",
            entry => $"{entry.Name} has been taken off the support network", ct);

    /// <summary>
    /// Loads one entry, lets <paramref name="apply"/> change it (returning the audit detail, "" when the entry changed
    /// under the user, or null with field errors), and stores it with its audit entry.
    /// </summary>
    private async Task<Result> WithEntryAsync(Guid personId, Guid entryId, string action, Func<SupportNetworkEntry, Validation, string?> apply, Func<SupportNetworkEntry, string> done, CancellationToken ct)
    {
        if (await RefusedAsync(personId, ct) is { } refused)
        {
            return refused;
        }
        var entry = await db.SupportNetworkEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.PersonId == personId && !e.TurnedDown, ct);
        if (entry is null)
        {
            return Result.NotFound("No such entry in this support network");
        }
        var v = new Validation();
        var detail = apply(entry, v);
        if (detail is null)
        {
            return Result.Invalid(v.Errors);
        }
        if (detail.Length == 0)
        {
            return Conflict(entry);
        }
        access.Stage(personId, action, Route, detail);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            access.Unstage();
            return Conflict(await db.SupportNetworkEntries.AsNoTracking().FirstAsync(e => e.Id == entryId, ct));
        }
        return Result.Ok(done(entry));
    }

    private static Result Conflict(SupportNetworkEntry now) => Result.Conflict(now.RemovedAt is { } at
        ? $"{now.Name} was taken off the map by {now.RemovedByName} on {UkTime.FormatDate(DateOnly.FromDateTime(UkTime.ToUk(at).DateTime))}"
        : $"{now.Name} was changed by someone else while you were looking. It is shown below as it is now");

    /// <summary>Keeps the map as it is now, dated and labelled, to compare later ones with.</summary>
    public async Task<Result> SnapshotAsync(Guid personId, string? label, CancellationToken ct = default)
    {
        if (await RefusedAsync(personId, ct) is { } refused)
        {
            return refused;
        }
        var v = new Validation();
        var words = v.Required("Label", label, "Enter what this moment is, for example 'first conversation'", SupportNetworkLimits.Label, "What this moment is");
        var entries = await CurrentAsync(personId, ct);
        if (v.IsValid && entries.Count == 0)
        {
            v.Add("Label", "Add someone or something to the map before keeping a snapshot of it");
        }
        if (!v.IsValid)
        {
            return Result.Invalid(v.Errors);
        }
        var snapshot = new SupportNetworkSnapshot
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            TakenAt = Now,
            TakenByName = networkAccess.User.Name,
            Label = words!,
            EntriesJson = JsonSerializer.Serialize(entries.Select(e => e.ToSnapshot())),
        };
        db.SupportNetworkSnapshots.Add(snapshot);
        access.Stage(personId, "support-network-snapshot", Route, $"'{snapshot.Label}': {entries.Count} entries");
        await db.SaveChangesAsync(ct);
        return Result.Ok($"A snapshot of the support network has been kept: {snapshot.Label}");
    }

    public static List<SnapshotEntry> Entries(SupportNetworkSnapshot s) => JsonSerializer.Deserialize<List<SnapshotEntry>>(s.EntriesJson) ?? [];

    private SupportNetworkEntry NewEntry(Guid personId, SupportKind kind, string name, string detail, SupportRing ring, SupportGives gives, SupportSource source, string? key) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = personId,
        Kind = kind,
        Name = name,
        Detail = detail,
        Ring = ring,
        Gives = gives,
        Source = source,
        SourceKey = key,
        AddedAt = Now,
        AddedByName = networkAccess.User.Name,
    };

    private static SupportGives Combine(IEnumerable<SupportGives> gives) => gives.Aggregate(SupportGives.None, (all, g) => all | g);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public static string Describe(SupportKind kind) => kind switch { SupportKind.Person => "Person", SupportKind.Group => "Group", _ => "Place" };

    public static string Describe(SupportRing ring) => ring switch { SupportRing.Closest => "Closest", SupportRing.Middle => "In the middle", _ => "Further out" };

    public static string Describe(SupportGives gives) => gives == SupportGives.None
        ? "nothing named yet"
        : string.Join(", ", gives.Each().Select(g => g switch
        {
            SupportGives.Practical => "practical help",
            SupportGives.Emotional => "emotional support",
            SupportGives.Company => "company",
            _ => "information",
        }));
}
