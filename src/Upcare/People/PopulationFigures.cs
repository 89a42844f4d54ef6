using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.People;

/// <summary>One row of an aggregate table: a group and its count, suppressed when small.</summary>
public sealed record FigureRow(string Group, int Count, int SuppressBelow)
{
    public string Shown => SmallNumbers.Show(Count, SuppressBelow);
}

/// <summary>A table of counts by one grouping.</summary>
public sealed record FigureTable(string Title, string GroupHeading, IReadOnlyList<FigureRow> Rows);

/// <summary>The aggregate figures a commissioner sees.</summary>
public sealed record PopulationSummary(int SuppressBelow, IReadOnlyList<FigureTable> Tables);

/// <summary>Counts of people by practice, age band, sex and long-term condition: never a name, never a small number.</summary>
public class PopulationFigures(UpcareDbContext db, TimeProvider clock)
{
    /// <summary>Counts under this are not shown (the usual NHS small-number rule).</summary>
    public const int SuppressBelow = 10;

    public async Task<PopulationSummary> SummariseAsync(CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var bands = new (string Label, int From, int To)[] { ("0 to 17", 0, 17), ("18 to 39", 18, 39), ("40 to 64", 40, 64), ("65 to 79", 65, 79), ("80 and over", 80, 200) };
        // Born on or before today minus the lower age, and after today minus (upper age + 1); the last band has no upper cut.
        var by = bands.Select(b => today.AddYears(-b.From)).ToArray();
        var (by0, by1, by2, by3, by4) = (by[0], by[1], by[2], by[3], by[4]);
        // One pass over everyone, by practice and sex, with the age bands counted alongside: the other figures add these up.
        var cells = await db.People.GroupBy(p => new { p.GpPracticeId, p.Sex }).Select(g => new
        {
            g.Key.GpPracticeId, g.Key.Sex, Count = g.Count(),
            Band0 = g.Count(p => p.DateOfBirth <= by0 && p.DateOfBirth > by1), Band1 = g.Count(p => p.DateOfBirth <= by1 && p.DateOfBirth > by2),
            Band2 = g.Count(p => p.DateOfBirth <= by2 && p.DateOfBirth > by3), Band3 = g.Count(p => p.DateOfBirth <= by3 && p.DateOfBirth > by4),
            Band4 = g.Count(p => p.DateOfBirth <= by4),
        }).ToListAsync(ct);
        var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var total = cells.Sum(c => c.Count);
        var practices = cells.Where(c => c.GpPracticeId is { } id && names.ContainsKey(id)).GroupBy(c => names[c.GpPracticeId!.Value])
            .Select(g => new { Name = g.Key, Count = g.Sum(c => c.Count) }).OrderBy(x => x.Name).ToList();
        var ageRows = bands.Select((b, i) => new FigureRow(b.Label, cells.Sum(c => new[] { c.Band0, c.Band1, c.Band2, c.Band3, c.Band4 }[i]), SuppressBelow)).ToList();
        var sexes = cells.GroupBy(c => c.Sex).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).ToList();
        // Each condition is on a person's record at most once (a unique index), so a row is a person.
        var conditions = (await db.LongTermConditions.GroupBy(c => new { c.SnomedCode, c.Term }).Select(g => new { g.Key.Term, Count = g.Count() }).ToListAsync(ct))
            .GroupBy(c => c.Term).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).OrderByDescending(x => x.Count).ToList();
        return new PopulationSummary(SuppressBelow,
        [
            new("All people", "Group", [new FigureRow("Everyone on Upcare", total, SuppressBelow)]),
            new("People by GP practice", "GP practice", practices.Select(p => new FigureRow(p.Name, p.Count, SuppressBelow)).ToList()),
            new("People by age", "Age band", ageRows),
            new("People by sex", "Sex", sexes.OrderBy(s => s.Key).Select(s => new FigureRow(s.Key == Sex.NotKnown ? "Not known" : s.Key.ToString(), s.Count, SuppressBelow)).ToList()),
            new("People with each long-term condition", "Condition", conditions.Select(c => new FigureRow(c.Key, c.Count, SuppressBelow)).ToList()),
        ]);
    }
}
