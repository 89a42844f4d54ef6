using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.ServiceDirectory;

/// <summary>
/// Postcode → latitude/longitude from a lookup table, loaded from a CSV in the ONS Postcode Directory layout (columns
/// found by name: <c>pcds</c>, <c>lat</c>, <c>long</c>). No online geocoding.
/// </summary>
public class PostcodeDirectory(UpcareDbContext db)
{
    /// <summary>ONSPD's value for a postcode with no grid reference.</summary>
    private const double NoPosition = 99.999999;

    public async Task<(double Latitude, double Longitude)?> FindAsync(string? postcode, CancellationToken ct = default)
    {
        if (Postcode.Normalise(postcode) is not { } normalised)
        {
            return null;
        }
        var found = await db.PostcodeLocations.AsNoTracking().FirstOrDefaultAsync(p => p.Postcode == normalised, ct);
        return found is null ? null : (found.Latitude, found.Longitude);
    }

    public Task<bool> AnyAsync(CancellationToken ct = default) => db.PostcodeLocations.AnyAsync(ct);

    /// <summary>Loads the CSV, adding postcodes not yet known; returns how many were added.</summary>
    public async Task<int> LoadCsvAsync(TextReader csv, CancellationToken ct = default)
    {
        var header = (await csv.ReadLineAsync(ct))?.Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList()
            ?? throw new InvalidOperationException("The postcode file is empty");
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new InvalidOperationException($"The postcode file has no '{name}' column (ONS Postcode Directory layout)");
        var (pcds, lat, lon) = (Column("pcds"), Column("lat"), Column("long"));
        var known = (await db.PostcodeLocations.Select(p => p.Postcode).ToListAsync(ct)).ToHashSet();
        var added = 0;
        var batch = new List<PostcodeLocation>();
        while (await csv.ReadLineAsync(ct) is { } line)
        {
            var cells = line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (cells.Length <= Math.Max(pcds, Math.Max(lat, lon))
                || Postcode.Normalise(cells[pcds]) is not { } postcode
                || !double.TryParse(cells[lat], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                || !double.TryParse(cells[lon], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
                || Math.Abs(latitude - NoPosition) < 0.000001
                || !known.Add(postcode))
            {
                continue;
            }
            batch.Add(new PostcodeLocation { Postcode = postcode, Latitude = latitude, Longitude = longitude });
            if (batch.Count == 5000)
            {
                added += await SaveAsync(batch, ct);
            }
        }
        return added + await SaveAsync(batch, ct);
    }

    private async Task<int> SaveAsync(List<PostcodeLocation> batch, CancellationToken ct)
    {
        db.PostcodeLocations.AddRange(batch);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    /// <summary>Great-circle distance in kilometres (haversine, mean Earth radius 6,371 km).</summary>
    /// <summary>
    /// The latitude and longitude bounds of a circle of <paramref name="radiusKm"/> around a point: the indexed first
    /// step of a distance search, which the exact distance then trims to the circle.
    /// </summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) Box(double lat, double lon, double radiusKm)
    {
        var latDelta = radiusKm / 111.0;
        var lonDelta = radiusKm / (111.32 * Math.Cos(lat * Math.PI / 180));
        return (lat - latDelta, lat + latDelta, lon - lonDelta, lon + lonDelta);
    }

    public const double KmPerMile = 1.609344;

    public static double DistanceMiles(double lat1, double lon1, double lat2, double lon2) => DistanceKm(lat1, lon1, lat2, lon2) / KmPerMile;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
