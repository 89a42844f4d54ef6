using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.SharedDecisions;

/// <summary>One option as typed into the decision aid form. Row 0 is always "doing nothing or waiting".</summary>
public sealed class OptionForm
{
    public Guid? Id { get; set; }
    public string? Name { get; set; }
    public string? WhatItInvolves { get; set; }
    public string? Benefits { get; set; }
    public string? Risks { get; set; }
    public string? EvidenceSource { get; set; }

    internal bool IsBlank => new[] { Name, WhatItInvolves, Benefits, Risks, EvidenceSource }.All(string.IsNullOrWhiteSpace);
}

/// <summary>What an administrator types into the decision aid form.</summary>
public sealed class DecisionAidForm
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public bool WrittenForDemo { get; set; }
    public bool Withdrawn { get; set; }
    public List<OptionForm> Options { get; set; } = [];

    public static DecisionAidForm From(DecisionAid aid) => new()
    {
        Title = aid.Title,
        Summary = aid.Summary,
        WrittenForDemo = aid.WrittenForDemo,
        Withdrawn = aid.Withdrawn,
        Options = aid.Options.OrderBy(o => o.Position).Select(o => new OptionForm
        {
            Id = o.Id, Name = o.Name, WhatItInvolves = o.WhatItInvolves, Benefits = o.Benefits, Risks = o.Risks, EvidenceSource = o.EvidenceSource,
        }).ToList(),
    };

    /// <summary>An empty form: the "doing nothing or waiting" row already named, and two rows for other options.</summary>
    public static DecisionAidForm New() => new() { Options = [new() { Name = DecisionAidService.DoingNothing }, new(), new()] };
}

/// <summary>The library of decision aids an administrator keeps.</summary>
public class DecisionAidService(UpcareDbContext db, CurrentUser user, TimeProvider clock)
{
    public const int TextMaxLength = 2000;
    public const string DoingNothing = "Doing nothing or waiting for now";

    /// <summary>Every aid (clinicians see only those not withdrawn), by title.</summary>
    public Task<List<DecisionAid>> ListAsync(bool includeWithdrawn, CancellationToken ct = default) =>
        db.DecisionAids.AsNoTracking().Include(a => a.Options).Where(a => includeWithdrawn || !a.Withdrawn).OrderBy(a => a.Title).ToListAsync(ct);

    public Task<DecisionAid?> GetAsync(Guid aidId, CancellationToken ct = default) =>
        db.DecisionAids.AsNoTracking().Include(a => a.Options).FirstOrDefaultAsync(a => a.Id == aidId, ct);

    /// <summary>
    /// Adds an aid or saves changes to one. Every aid has the "doing nothing or waiting" option (row 0) and at least
    /// one other, each with what it involves, its benefits, its risks and the evidence source. A stale save is refused.
    /// </summary>
    public async Task<DecisionAid> SaveAsync(Guid? aidId, int? version, DecisionAidForm form, CancellationToken ct = default)
    {
        var v = new Validation();
        var title = v.Required(nameof(form.Title), form.Title, "Enter the decision, as a question", 200, "Decision");
        var summary = v.Optional(nameof(form.Summary), form.Summary, TextMaxLength, "Summary") ?? "";
        var options = new List<(Guid? Id, string Name, string Involves, string Benefits, string Risks, string Evidence)>();
        for (var i = 0; i < form.Options.Count; i++)
        {
            var o = form.Options[i];
            if (i > 0 && o.IsBlank)
            {
                continue;
            }
            var key = $"{nameof(form.Options)}[{i}].";
            var what = i == 0 ? "doing nothing or waiting" : "this option";
            var name = v.Required(key + nameof(OptionForm.Name), o.Name, $"Enter a name for {what}", 200, "Option name");
            var involves = v.Required(key + nameof(OptionForm.WhatItInvolves), o.WhatItInvolves, $"Enter what {what} involves", TextMaxLength, "What it involves");
            var benefits = v.Required(key + nameof(OptionForm.Benefits), o.Benefits, $"Enter the benefits of {what}", TextMaxLength, "Benefits");
            var risks = v.Required(key + nameof(OptionForm.Risks), o.Risks, $"Enter the risks of {what}", TextMaxLength, "Risks");
            var evidence = v.Required(key + nameof(OptionForm.EvidenceSource), o.EvidenceSource, $"Enter where the evidence for {what} comes from", 500, "Evidence source");
            options.Add((o.Id, name ?? "", involves ?? "", benefits ?? "", risks ?? "", evidence ?? ""));
        }
        if (form.Options.Count == 0)
        {
            v.Add("Options[0].Name", "Enter doing nothing or waiting as an option");
        }
        if (options.Count < 2)
        {
            v.Add("Options[1].Name", "Enter at least one option besides doing nothing or waiting");
        }
        v.ThrowIfInvalid();

        DecisionAid aid;
        if (aidId is { } id)
        {
            aid = await db.DecisionAids.Include(a => a.Options).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new KeyNotFoundException();
            if (aid.Version != version)
            {
                throw new EditConflictException();
            }
        }
        else
        {
            aid = new DecisionAid { Id = Guid.NewGuid() };
            db.DecisionAids.Add(aid);
        }
        aid.Title = title!;
        aid.Summary = summary;
        aid.WrittenForDemo = form.WrittenForDemo;
        aid.Withdrawn = form.Withdrawn;
        aid.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        aid.UpdatedByName = user.Name;
        aid.Version++;
        foreach (var gone in aid.Options.Where(o => !options.Any(x => x.Id == o.Id)).ToList())
        {
            aid.Options.Remove(gone);
            db.DecisionOptions.Remove(gone);
        }
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i];
            var row = aid.Options.FirstOrDefault(x => x.Id == o.Id);
            if (row is null)
            {
                row = new DecisionOption { Id = Guid.NewGuid(), AidId = aid.Id };
                aid.Options.Add(row);
                db.DecisionOptions.Add(row);
            }
            (row.Position, row.Name, row.WhatItInvolves, row.Benefits, row.Risks, row.EvidenceSource, row.IsDoingNothing) =
                (i, o.Name, o.Involves, o.Benefits, o.Risks, o.Evidence, i == 0);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException();
        }
        return aid;
    }
}
