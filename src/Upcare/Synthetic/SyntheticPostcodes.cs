using System.Globalization;

namespace Upcare.Synthetic;

/// <summary>
/// Every postcode of the demo area (NE4, NE5, NE15: their sectors × allowed inward letters) with a position near the
/// area's centre, written as a CSV in the ONS Postcode Directory layout so the demo loads it the way real ONSPD is loaded.
/// </summary>
public static class SyntheticPostcodes
{
    public static IEnumerable<(string Postcode, double Latitude, double Longitude)> All()
    {
        foreach (var (outward, sectors, latitude, longitude, _) in SyntheticNames.Areas)
        {
            for (var s = 0; s < sectors.Length; s++)
            {
                foreach (var a in SyntheticNames.InwardLetters)
                {
                    foreach (var b in SyntheticNames.InwardLetters)
                    {
                        // Sectors fan out around the centre; units spread within a sector: deterministic, no randomness.
                        var angle = 2 * Math.PI * s / sectors.Length;
                        var unit = (SyntheticNames.InwardLetters.IndexOf(a) * 20 + SyntheticNames.InwardLetters.IndexOf(b)) / 400.0;
                        var lat = latitude + Math.Sin(angle) * 0.006 + (unit - 0.5) * 0.006;
                        var lon = longitude + Math.Cos(angle) * 0.01 + (SyntheticNames.InwardLetters.IndexOf(b) / 20.0 - 0.5) * 0.01;
                        yield return ($"{outward} {sectors[s]}{a}{b}", Math.Round(lat, 6), Math.Round(lon, 6));
                    }
                }
            }
        }
    }

    public static void WriteCsv(TextWriter writer)
    {
        writer.WriteLine("pcd,pcd2,pcds,dointr,doterm,lat,long");
        foreach (var (postcode, lat, lon) in All())
        {
            var compact = postcode.Replace(" ", "");
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\"{compact.PadRight(7)}\",\"{postcode.Split(' ')[0].PadRight(4)} {postcode.Split(' ')[1]}\",\"{postcode}\",\"202601\",\"\",{lat},{lon}"));
        }
    }
}
