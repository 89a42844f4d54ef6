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
        var total = await db.People.CountAsync(ct);
        var practices = await db.People.Where(p => p.GpPracticeId != null)
            .GroupBy(p => p.GpPracticeId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .Join(db.Organisations, g => g.Id, o => o.Id, (g, o) => new { o.Name, g.Count })
            .OrderBy(x => x.Name)
            .ToListAsync(ct);
        var bands = new (string Label, int From, int To)[] { ("0 to 17", 0, 17), ("18 to 39", 18, 39), ("40 to 64", 40, 64), ("65 to 79", 65, 79), ("80 and over", 80, 200) };
        var ageRows = new List<FigureRow>();
        foreach (var (label, from, to) in bands)
        {
            // Born on or before today minus the lower age, and after today minus (upper age + 1).
            var bornBy = today.AddYears(-from);
            var bornAfter = today.AddYears(-(to + 1));
            ageRows.Add(new FigureRow(label, await db.People.CountAsync(p => p.DateOfBirth <= bornBy && p.DateOfBirth > bornAfter, ct), SuppressBelow));
        }
        var sexes = await db.People.GroupBy(p => p.Sex).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var conditions = await db.LongTermConditions.GroupBy(c => c.Term).Select(g => new { g.Key, Count = g.Select(c => c.PersonId).Distinct().Count() })
            .OrderByDescending(x => x.Count).ToListAsync(ct);
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
