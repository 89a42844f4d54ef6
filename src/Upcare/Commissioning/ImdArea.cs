using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.Commissioning;

/// <summary>A postcode's Index of Multiple Deprivation decile (1 = the most deprived tenth of areas in England), from a lookup file.</summary>
public class ImdArea
{
    public string Postcode { get; set; } = "";
    public int Decile { get; set; }
}

/// <summary>Table mapping for the IMD lookup.</summary>
public class ImdAreaConfiguration : IEntityTypeConfiguration<ImdArea>
{
    public void Configure(EntityTypeBuilder<ImdArea> b)
    {
        b.ToTable("ImdAreas");
        b.HasKey(a => a.Postcode);
        b.Property(a => a.Postcode).HasMaxLength(8);
    }
}

/// <summary>What a lookup load did.</summary>
public sealed record ImdLoad(int Loaded, IReadOnlyList<string> Refused);

/// <summary>
/// The postcode-to-IMD-decile lookup, loaded from a CSV with columns <c>postcode</c> and <c>imd_decile</c> (as made from
/// the ONS Postcode Directory's LSOA and the IMD file). A later load of a postcode replaces its decile.
/// </summary>
public class ImdLookup(UpcareDbContext db)
{
    public async Task<ImdLoad> LoadCsvAsync(TextReader csv, CancellationToken ct = default)
    {
        var header = (await csv.ReadLineAsync(ct))?.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList() ?? [];
        var (pc, dec) = (header.IndexOf("postcode"), header.IndexOf("imd_decile"));
        if (pc < 0 || dec < 0)
        {
            return new ImdLoad(0, ["The first line must name the columns postcode and imd_decile"]);
        }
        var refused = new List<string>();
        var rows = new Dictionary<string, int>();
        var line = 1;
        while (await csv.ReadLineAsync(ct) is { } text)
        {
            line++;
            var cells = text.Split(',');
            var postcode = cells.Length > pc && Postcode.IsValid(cells[pc]) ? Postcode.Normalise(cells[pc]) : null;
            if (postcode is null || cells.Length <= dec || !int.TryParse(cells[dec].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var decile) || decile is < 1 or > 10)
            {
                refused.Add($"Line {line}: a valid postcode and a decile from 1 to 10 are needed");
                continue;
            }
            rows[postcode] = decile;
        }
        var existing = await db.ImdAreas.Where(a => rows.Keys.Contains(a.Postcode)).ToDictionaryAsync(a => a.Postcode, ct);
        foreach (var (postcode, decile) in rows)
        {
            if (existing.TryGetValue(postcode, out var area))
            {
                area.Decile = decile;
            }
            else
            {
                db.ImdAreas.Add(new ImdArea { Postcode = postcode, Decile = decile });
            }
        }
        await db.SaveChangesAsync(ct);
        return new ImdLoad(rows.Count, refused);
    }

    public Task<bool> AnyAsync(CancellationToken ct = default) => db.ImdAreas.AnyAsync(ct);

    /// <summary>
    /// The demo's made-up deciles for its synthetic postcodes: lower (more deprived) towards the inner west end, higher
    /// further out, varying street by street. Not real IMD data.
    /// </summary>
    public async Task SeedSyntheticAsync(CancellationToken ct = default)
    {
        var csv = new StringWriter();
        csv.WriteLine("postcode,imd_decile");
        foreach (var (postcode, _, _) in Synthetic.SyntheticPostcodes.All())
        {
            var outward = Shared.Postcode.Outward(postcode);
            var baseline = outward switch { "NE4" => 1, "NE5" => 3, _ => 5 };
            var spread = postcode.Sum(c => c) % 4;
            csv.WriteLine($"{postcode},{Math.Min(10, baseline + spread)}");
        }
        await LoadCsvAsync(new StringReader(csv.ToString()), ct);
    }
}
